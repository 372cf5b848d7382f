/** @odoo-module **/
/* The family portal walked in a browser, once in Kazakh and once in Russian (test_portal_tour.py).
 * Steps use selectors, never English labels, so the same steps run in every language. The names
 * of the district, school and event are the test's data; the IINs are fixed (tools/iin.py make()). */

import { registry } from "@web/core/registry";

const FAMILIES = {
    kk_KZ: {
        login: "tour.parent.kk@example.kz",
        name: "Айгүл Тұрсынова",
        children: [
            { name: "Әлия Тұрсынова", iin: "130719693014", grade: "8" },
            { name: "Нұрлан Тұрсынов", iin: "150211593022", grade: "6" },
        ],
    },
    ru_RU: {
        login: "tour.parent.ru@example.kz",
        name: "Ольга Петренко",
        children: [
            { name: "Игорь Петренко", iin: "130823593112", grade: "8" },
            { name: "Анна Петренко", iin: "150405693125", grade: "6" },
        ],
    },
};
const DISTRICT = "Tour district";
const SCHOOL = "Tour school No. 7";
const EVENT = "Tour regional rally";

function applySteps(child) {
    const form = "form.o_youth_application";
    return [
        { trigger: `a[href="/my/children/apply"]`, run: "click" },
        { trigger: `${form} input[name=name]`, run: `edit ${child.name}` },
        { trigger: `${form} input[name=iin]`, run: `edit ${child.iin}` },
        {
            content: "the birth date read from the IIN is shown as it is typed",
            trigger: `${form} .o_youth_iin_preview:not(:empty)`,
        },
        { trigger: `${form} select[name=district_id]`, run: `selectByLabel ${DISTRICT}` },
        { trigger: `${form} select[name=school_id]`, run: `selectByLabel ${SCHOOL}` },
        { trigger: `${form} select[name=grade]`, run: `select ${child.grade}` },
        { trigger: `${form} input[name=class_letter]`, run: "edit А" },
        { trigger: `${form} select[name=relation]`, run: "select mother" },
        { trigger: `${form} input[name=consent_personal_data]`, run: "check" },
        { trigger: `${form} input[name=consent_photo_video]`, run: "check" },
        { trigger: `${form} button[type=submit]`, run: "click" },
        {
            content: "the application is sent: the list of children says so, and lists it under review",
            trigger: `body:has(.alert-success) tr.o_youth_application .badge.text-bg-info`,
        },
    ];
}

function signupTour(lang) {
    const family = FAMILIES[lang];
    return {
        url: "/web/login",
        steps: () => [
            {
                content: "choose the language on the login page",
                trigger: `.o_youth_lang_switch a[href^="/youth/lang/${lang}"]`,
                run: "click",
            },
            { trigger: `a[href^="/web/signup"]`, run: "click" },
            { trigger: `.oe_signup_form select[name=lang]`, run: `select ${lang}` },
            { trigger: `.oe_signup_form input[name=login]`, run: `edit ${family.login}` },
            { trigger: `.oe_signup_form input[name=name]`, run: `edit ${family.name}` },
            { trigger: `.oe_signup_form input[name=password]`, run: `edit ${family.login}` },
            { trigger: `.oe_signup_form input[name=confirm_password]`, run: `edit ${family.login}` },
            { trigger: `.oe_signup_form button[type=submit]`, run: "click" },
            {
                content: "signed up and in the portal, in the chosen language (its code leads the URL, or the language cookie says it, the default having no prefix)",
                trigger: `.o_portal_index_card a[href="/my/children"]`,
                run() {
                    // the database's default language has no prefix (Kazakh, when it was loaded first)
                    const prefix = `/${lang.split("_")[0]}/`;
                    const cookie = document.cookie.split("; ").find((c) => c.startsWith("frontend_lang="));
                    const pageLang = cookie ? cookie.split("=")[1] : "";
                    if (!window.location.pathname.startsWith(prefix) && pageLang !== lang) {
                        throw new Error(`the portal is not in ${lang}: ${window.location.pathname} (${pageLang})`);
                    }
                },
            },
            {
                content: "open Children and membership",
                trigger: `.o_portal_index_card a[href="/my/children"]`,
                run: "click",
            },
            { trigger: `.alert-info`, content: "no child yet" },
            ...applySteps(family.children[0]),
            ...applySteps(family.children[1]),
            {
                content: "two applications are waiting for the school",
                trigger: `tbody:has(tr + tr):not(:has(tr + tr + tr)) .badge.text-bg-info`,
            },
        ],
    };
}

function approveTour() {
    return {
        url: "/odoo/action-youth_movement.youth_member_action",
        steps: () => [
            {
                content: "show every member of the school, not only the active ones",
                trigger: `.o_searchview_facet .o_facet_remove`,
                run: "click",
            },
            {
                content: "the school's two applicants are listed",
                trigger: `.o_list_view:not(:has(.o_searchview_facet)) .o_data_row:has(.badge.text-bg-info) ~ .o_data_row:has(.badge.text-bg-info)`,
            },
            {
                content: "open an applicant",
                trigger: `.o_list_view .o_data_row:has(.badge.text-bg-info) td.o_data_cell[name=name]`,
                run: "click",
            },
            { trigger: `.o_form_view .o_form_saved` },
            { trigger: `.o_form_view button[name=action_approve_application]`, run: "click" },
            {
                content: "approved: the button is gone",
                trigger: `.o_form_view:not(:has(button[name=action_approve_application])) .o_form_saved`,
            },
            { trigger: `.o_pager_next`, run: "click" },
            { trigger: `.o_form_view button[name=action_approve_application]`, run: "click" },
            {
                content: "the second one approved too",
                trigger: `.o_form_view:not(:has(button[name=action_approve_application])) .o_form_saved`,
            },
            { trigger: `.o_breadcrumb li.o_back_button a`, run: "click" },
            {
                content: "no applicant left in the list",
                trigger: `.o_list_view:has(.o_data_row):not(:has(.o_data_row .badge.text-bg-info))`,
            },
        ],
    };
}

function eventsTour() {
    const card = `.o_youth_event_card:has(.card-header strong:contains("${EVENT}"))`;
    return {
        url: "/my",
        steps: () => [
            { trigger: `.o_portal_index_card a[href="/my/events"]`, run: "click" },
            { trigger: `${card} input[name=member_ids]:eq(0)`, run: "check" },
            { trigger: `${card} input[name=member_ids]:eq(1)`, run: "check" },
            { trigger: `${card} button[type=submit]`, run: "click" },
            {
                content: "both children registered at once: two badges and two tickets",
                trigger: `body:has(.alert-success) ${card}:not(:has(input[name=member_ids])) a[href^="/my/registrations/"]:eq(1)`,
            },
            { trigger: `${card} a[href^="/my/registrations/"]:eq(0)`, run: "click" },
            {
                content: "the ticket shows the QR code",
                trigger: `.o_youth_ticket img[src^="/report/barcode/?barcode_type=QR"]`,
                run() {
                    const img = document.querySelector(".o_youth_ticket img");
                    if (!img.complete || !img.naturalWidth) {
                        throw new Error("the QR code image did not load");
                    }
                },
            },
            { trigger: `.breadcrumb a[href="/my/home"]`, run: "click" },
            { trigger: `.o_portal_index_card a[href="/my/children"]`, run: "click" },
            { trigger: `tbody tr:eq(0) a[href^="/my/children/"]`, run: "click" },
            { trigger: `a[href$="/history"]`, run: "click" },
            {
                content: "the event is in the participation history",
                trigger: `tbody tr td a[href^="/my/registrations/"]:contains("${EVENT}")`,
            },
        ],
    };
}

const tours = registry.category("web_tour.tours");
for (const lang of Object.keys(FAMILIES)) {
    tours.add(`youth_portal_signup_apply_${lang}`, signupTour(lang));
}
tours.add("youth_backoffice_approve_applicants", approveTour());
tours.add("youth_portal_register_children", eventsTour());
