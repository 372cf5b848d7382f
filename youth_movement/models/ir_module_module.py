"""Kazakh (and a few Russian) translations the addon ships for Odoo's own modules.

Odoo 18 ships no Kazakh for ``base``, ``web``, ``portal``, ``auth_signup``, ``mail``, ``calendar`` or
``event``. The addon keeps them in ``i18n_odoo/<module>/<lang>.po``, copies of Odoo's own entries
(occurrences and ``odoo-python`` / ``odoo-javascript`` comments kept) with Kazakh msgstr.

Odoo finds a module's translation files through one function, ``odoo.tools.translate.get_po_paths``,
and reads them from three places: ``ir.module.module._load_module_terms`` (model terms: views,
templates, fields, selections, mail templates; at install, on update, when a language is
activated), ``CodeTranslations`` (Python ``_()`` and JavaScript ``_t``, read when first asked for)
and ``mail.template``'s reset. This is the one place that extends it: ``get_po_paths`` below yields
Odoo's files, then the addon's for that module, and replaces Odoo's at those three call sites.
Nothing in Odoo's tree changes. ``tests/test_odoo_translations.py`` fails when Odoo reads
translation files another way, or holds ``get_po_paths`` in a module this does not patch.

The patch is process-wide (Odoo's code translations are cached per process, not per database):
another database of the same server gets the Kazakh of Odoo's modules too, never anything else.
"""

import os

from odoo import api, models
from odoo.tools import file_path, translate
from odoo.tools.translate import TranslationImporter

from odoo.addons.base.models import ir_module
from odoo.addons.mail.models import template_reset_mixin

MODULE = "youth_movement"
EXTRA_DIR = "i18n_odoo"
EXTRA_PATH = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), EXTRA_DIR)
# Odoo's own function, kept across a reload of this module
ODOO_GET_PO_PATHS = getattr(translate.get_po_paths, "youth_odoo_function", translate.get_po_paths)
CALL_SITES = (translate, ir_module, template_reset_mixin)
# languages Odoo translates itself: the addon's files there correct a few of Odoo's terms
CORRECTED_LANGS = ("ru",)


def covered_modules():
    """The Odoo modules the addon translates: the folders of ``i18n_odoo``."""
    return sorted(name for name in os.listdir(EXTRA_PATH) if os.path.isdir(os.path.join(EXTRA_PATH, name)))


def extra_po_paths(module_name, lang, env=None):
    """The addon's files for ``module_name`` in ``lang``: the base language's, then the region's,
    as Odoo orders its own (``kk.po``, then ``kk_KZ.po``)."""
    for name in dict.fromkeys([lang.split("_")[0], lang]):
        relative = os.path.join(MODULE, EXTRA_DIR, module_name, f"{name}.po")
        try:
            yield file_path(relative, env=env)
        except FileNotFoundError:
            continue


def get_po_paths(module_name, lang, env=None):
    """Odoo's ``get_po_paths``, then the addon's files: read later, the addon's terms win where both
    translate a term (Odoo's Russian stays unless a file here corrects it)."""
    yield from ODOO_GET_PO_PATHS(module_name, lang, env=env)
    if module_name != MODULE:
        yield from extra_po_paths(module_name, lang, env=env)


get_po_paths.youth_odoo_function = ODOO_GET_PO_PATHS


def install():
    for site in CALL_SITES:
        site.get_po_paths = get_po_paths
    # code terms Odoo read before the addon was imported are read again with the addon's files
    covered = set(covered_modules())
    for cache in (translate.code_translations.python_translations, translate.code_translations.web_translations):
        for key in [key for key in cache if key[0] in covered]:
            cache.pop(key, None)


install()


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    @api.model
    def _load_module_terms(self, modules, langs, overwrite=False, imported_module=False):
        """Installing or updating the addon loads its terms for the Odoo modules it translates too:
        Odoo loads only the modules it installs or updates, and Kazakh may be active already."""
        res = super()._load_module_terms(modules, langs, overwrite=overwrite, imported_module=imported_module)
        if MODULE not in modules:
            return res
        others = [name for name in covered_modules() if name not in modules]
        installed = self.sudo().search([("name", "in", others), ("state", "in", ("installed", "to upgrade"))])
        # Kazakh fills what Odoo lacks; the Russian files correct Odoo's own Russian, so they win
        filling, correcting = (TranslationImporter(self.env.cr, verbose=False) for _i in range(2))
        for module_name in installed.mapped("name"):
            for lang in langs:
                importer = correcting if lang.split("_")[0] in CORRECTED_LANGS else filling
                for path in extra_po_paths(module_name, lang):
                    importer.load_file(path, lang)
        filling.save(overwrite=overwrite)
        correcting.save(overwrite=True)
        return res
