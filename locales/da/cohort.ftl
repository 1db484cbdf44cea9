## Starting a cohort: profiles, matching, publishing, rematch, import.
