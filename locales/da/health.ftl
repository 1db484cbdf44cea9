## Running a cohort: flags, pair health, pair control, exercises, the report.
