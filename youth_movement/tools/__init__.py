"""Plain-Python rules of the movement: no ``import odoo`` here.

The models call these functions; the top-level ``tests/`` load them by file path, so they can be
checked on a machine without Odoo.
"""
