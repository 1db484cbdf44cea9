## The coordinator's broadcasts, events with RSVP, schedules and the weekly digest.
