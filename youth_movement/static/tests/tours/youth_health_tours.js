/** @odoo-module **/
/* The health card walked in a browser, in Kazakh and in Russian (test_health_tour.py): the parent
 * fills it, the leader of tomorrow's camp opens it, the parent sees who read it. Steps use selectors
 * and the page's own words in the tour's language, which checks the translation too. */

import { registry } from "@web/core/registry";

const WORDS = {
    kk_KZ: { saved: "Денсаулық картасы сақталды", nobody: "Оны әзірге ешкім оқымаған", cards: "Денсаулық карталары" },
    ru_RU: { saved: "Карта здоровья сохранена", nobody: "Её пока никто не читал", cards: "Карты здоровья" },
};
const ALLERGY = "Жаңғақ / орехи: EpiPen";
const CONTACT = "Гүлнар Сейітова";
const LEADER = "Тур Жетекші";
const CAMP = "Tour summer camp";

for (const lang of Object.keys(WORDS)) {
    const words = WORDS[lang];
    registry.category("web_tour.tours").add(`youth_health_fill_${lang}`, {
        url: "/my/children",
        steps: () => [
            { trigger: "a[href^='/my/children/']:not([href$=apply])", run: "click" },
            { trigger: "a.o_youth_health_link", run: "click" },
            {
                content: "nobody has read the card yet, and the page says so in the family's language",
                trigger: `.o_youth_health_log li:contains(${words.nobody})`,
            },
            { trigger: "form.o_youth_health_form textarea[name=allergies]", run: `edit ${ALLERGY}` },
            { trigger: "form.o_youth_health_form textarea[name=diet]", run: "edit Халал / халяль" },
            { trigger: "input[name=contact_name_0]", run: `edit ${CONTACT}` },
            { trigger: "input[name=contact_relation_0]", run: "edit Апасы / тётя" },
            { trigger: "input[name=contact_phone_0]", run: "edit +7 701 555 12 34" },
            { trigger: "button.o_youth_health_save", run: "click" },
            {
                content: "without the consent nothing is stored: the box is marked",
                trigger: "input[name=consent].is-invalid",
            },
            { trigger: "input[name=consent]", run: "check" },
            { trigger: "button.o_youth_health_save", run: "click" },
            { content: "saved", trigger: `.alert-success:contains(${words.saved})` },
            { trigger: `form.o_youth_health_form textarea[name=allergies]:value(${ALLERGY})` },
            { trigger: "form.o_youth_health_form:not(:has(input[name=consent]))" },
        ],
    });

    registry.category("web_tour.tours").add(`youth_health_leader_${lang}`, {
        steps: () => [
            {
                content: "the leader of the camp finds the health cards on the event's form",
                trigger: `.o_form_view button[name=action_youth_health_cards]:contains(${words.cards})`,
            },
        ],
    });

    registry.category("web_tour.tours").add(`youth_health_card_read_${lang}`, {
        steps: () => [
            { trigger: `.o_youth_health_participants a[href^='/youth/health/registration/']`, run: "click" },
            { trigger: `.o_youth_health_card:contains(${ALLERGY}):contains(${CONTACT}):contains(+7 701 555 12 34)` },
            { trigger: `.o_youth_health_page:contains(${CAMP})` },
        ],
    });

    registry.category("web_tour.tours").add(`youth_health_log_${lang}`, {
        steps: () => [
            {
                content: "the parent sees that the leader read the card, for the camp",
                trigger: `.o_youth_health_log li:contains(${LEADER}):contains(${CAMP})`,
            },
        ],
    });
}
