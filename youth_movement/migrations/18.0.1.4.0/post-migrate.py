"""18.0.1.4.0: the confirmation mail says that the ticket is attached. Odoo keeps a template's
existing translations when the addon is updated, so the Kazakh and Russian bodies of that one
template are reloaded from the addon's po files (a translation edited by hand there is replaced)."""

from odoo.tools.translate import TranslationImporter

TEMPLATE = "youth_movement.youth_event_mail_template_confirmation"


def migrate(cr, version):
    cr.execute("SELECT code FROM res_lang WHERE active AND code IN ('kk_KZ', 'ru_RU')")
    languages = [code for (code,) in cr.fetchall()]
    if not languages:
        return
    importer = TranslationImporter(cr, verbose=False)
    for language in languages:
        importer.load_file(f"youth_movement/i18n/{language[:2]}.po", language, xmlids=[TEMPLATE])
    importer.save(overwrite=True)
