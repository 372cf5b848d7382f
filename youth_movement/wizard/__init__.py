from . import youth_school_year_rollover
from . import youth_report_wizard
from . import youth_member_reject
from . import youth_member_claim_refuse
from . import youth_council_decision_cascade
from . import youth_event_attendance_wizard
