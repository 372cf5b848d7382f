/** @odoo-module **/
/* The council portal walked in a browser, in Kazakh and in Russian (test_council_tour.py): the secretary
 * invites a partner; the partner opens the pack, answers the invitation, votes between meetings and
 * reports progress with a file; the secretary sees the report on the decision. Steps use selectors and
 * the pages' own words in the tour's language. */

import { registry } from "@web/core/registry";

const WORDS = {
    kk_KZ: { invited: "Шақыру жіберілді", come: "хатшы сіздің келетініңізді біледі", voted: "Дауысыңыз жазылды", reported: "есеп хатшы көруі үшін" },
    ru_RU: { invited: "Приглашение отправлено", come: "секретарь знает, что вы придёте", voted: "Ваш голос записан", reported: "отчёт добавлен к решению" },
};
const PARTNER = "Гүлнар Ахметова";
const REPORT = "120 кітап лагерьлерге берілді / 120 книг передано лагерям";

for (const [lang, words] of Object.entries(WORDS)) {
    registry.category("web_tour.tours").add(`youth_council_invite_${lang}`, {
        steps: () => [
            {
                content: "the secretary invites the partner from the council's member list",
                trigger: `.o_field_one2many[name=member_ids] tr:contains(${PARTNER}) button[name=action_youth_invite_portal]`,
                run: "click",
            },
            { trigger: `.o_notification:contains(${words.invited})` },
        ],
    });

    registry.category("web_tour.tours").add(`youth_council_partner_${lang}`, {
        url: "/my/councils",
        steps: () => [
            { trigger: ".o_youth_councils a", run: "click" },
            {
                content: "the meeting pack is there to download",
                trigger: ".o_youth_upcoming_meeting a.o_youth_meeting_pack[href$='/pack']",
            },
            { trigger: ".o_youth_upcoming_meeting button.o_youth_meeting_accept", run: "click" },
            { trigger: `.alert-success:contains(${words.come})` },
            { trigger: ".o_portal_submenu a[href='/my/councils']", run: "click" },
            { trigger: ".o_youth_my_votes a", run: "click" },
            { trigger: "button.o_youth_vote_for", run: "click" },
            { trigger: `.alert-success:contains(${words.voted})` },
            { trigger: ".o_portal_submenu a[href='/my/councils']", run: "click" },
            { trigger: ".o_youth_my_decisions a", run: "click" },
            { trigger: "form.o_youth_progress_form textarea[name=text]", run: `edit ${REPORT}` },
            {
                content: "a file with the report",
                trigger: "form.o_youth_progress_form input[name=files]",
                run() {
                    const files = new DataTransfer();
                    files.items.add(new File(["book list"], "books.txt", { type: "text/plain" }));
                    this.anchor.files = files.files;
                },
            },
            { trigger: "button.o_youth_progress_send", run: "click" },
            { trigger: `.alert-success:contains(${words.reported})` },
            { trigger: `.o_youth_progress_reports li:contains(books.txt)` },
        ],
    });

    registry.category("web_tour.tours").add(`youth_council_secretary_sees_${lang}`, {
        steps: () => [
            {
                content: "the report and its file are on the decision",
                trigger: `.o_field_one2many[name=progress_ids] tr:contains(120):contains(books.txt)`,
            },
        ],
    });
}
