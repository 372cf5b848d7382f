from . import youth_school_year_rollover
from . import youth_report_wizard
from . import youth_member_reject
