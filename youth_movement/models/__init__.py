from . import (
    res_country_state,
    res_lang,
    res_partner,
    res_users,
    youth_consent,
    youth_consent_type,
    youth_district,
    youth_guardian_link,
    youth_member,
    youth_organization_type,
    youth_tier,
    youth_unit,
)
