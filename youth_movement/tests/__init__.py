from . import test_member
from . import test_family
from . import test_rollover
from . import test_import
from . import test_security
from . import test_language
from . import test_ui
from . import test_report_xlsx
