from . import youth_school_year_rollover
