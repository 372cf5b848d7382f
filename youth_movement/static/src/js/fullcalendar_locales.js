/** @odoo-module ignore */
/* FullCalendar's Kazakh and Russian locales, which Odoo's calendar loads, lack the long week label:
 * the week view showed "Week 49" to a Kazakh or Russian user. */
(function () {
    const labels = { kk: "Апта", ru: "Неделя" };
    for (const locale of globalThis.FullCalendar ? FullCalendar.globalLocales : []) {
        if (labels[locale.code] && !locale.weekTextLong) {
            locale.weekTextLong = labels[locale.code];
        }
    }
})();
