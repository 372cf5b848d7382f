from . import youth_school_year_rollover
from . import youth_event_attendance_wizard
