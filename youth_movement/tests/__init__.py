from . import test_family, test_import, test_language, test_member, test_rollover, test_security
