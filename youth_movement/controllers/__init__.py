from . import portal
from . import report
from . import health
from . import calendar
from . import council
