from . import xlsx_report
from . import membership_xlsx
from . import partner_xlsx
from . import events_xlsx
from . import decisions_xlsx
from . import work_plan_xlsx
