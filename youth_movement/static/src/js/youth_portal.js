/* The membership application form: schools follow the district, and the birth date and sex
 * the IIN encodes are shown as it is typed (read by the server, which checks everything again). */
(function () {
    "use strict";

    // The server reads the IIN (the same rules as when the form is sent); it looks nothing up.
    async function readIin(value) {
        const iin = (value || "").replace(/\s+/g, "");
        if (!/^\d{12}$/.test(iin)) {
            return null;
        }
        const response = await fetch("/my/children/apply/iin", {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ jsonrpc: "2.0", method: "call", params: { iin } }),
        });
        if (!response.ok) {
            return null;
        }
        const answer = await response.json();
        return answer.result || null;
    }

    function setup(form) {
        const district = form.querySelector("select[name=district_id]");
        const school = form.querySelector("select[name=school_id]");
        const filterSchools = () => {
            for (const option of school.options) {
                if (option.dataset.district) {
                    option.hidden = Boolean(district.value) && option.dataset.district !== district.value;
                }
            }
            const chosen = school.selectedOptions[0];
            if (chosen && chosen.hidden) {
                school.value = "";
            }
        };
        district.addEventListener("change", filterSchools);
        filterSchools();

        const iin = form.querySelector("input[name=iin]");
        const preview = form.querySelector(".o_youth_iin_preview");
        let typed = 0;
        iin.addEventListener("input", async () => {
            const ticket = ++typed;
            const read = await readIin(iin.value);
            if (ticket === typed) {
                // only the answer to the latest keystroke is shown
                preview.textContent = read ? read.birth_date + ", " + read.sex : "";
            }
        });
    }

    // The frontend bundle is loaded lazily, after DOMContentLoaded has usually fired.
    function setupAll() {
        document.querySelectorAll("form.o_youth_application").forEach(setup);
    }
    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", setupAll);
    } else {
        setupAll();
    }
})();
