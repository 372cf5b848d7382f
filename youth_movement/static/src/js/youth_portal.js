/* The membership application form: schools follow the district, and the birth date and sex
 * read from the IIN are shown as it is typed (the server checks everything again). */
(function () {
    "use strict";

    function checkDigit(digits, weights) {
        let total = 0;
        for (let i = 0; i < 11; i++) {
            total += digits[i] * weights[i];
        }
        return total % 11;
    }

    function readIin(value) {
        const iin = (value || "").replace(/\s+/g, "");
        if (!/^\d{12}$/.test(iin)) {
            return null;
        }
        const digits = iin.split("").map(Number);
        const centuries = { 1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000 };
        const century = centuries[digits[6]];
        if (!century) {
            return null;
        }
        let digit = checkDigit(digits, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
        if (digit === 10) {
            digit = checkDigit(digits, [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]);
        }
        if (digit === 10 || digit !== digits[11]) {
            return null;
        }
        const year = century + Number(iin.slice(0, 2));
        const month = Number(iin.slice(2, 4));
        const day = Number(iin.slice(4, 6));
        const date = new Date(year, month - 1, day);
        if (date.getMonth() !== month - 1 || date.getDate() !== day) {
            return null;
        }
        return { date: iin.slice(4, 6) + "." + iin.slice(2, 4) + "." + year, male: digits[6] % 2 === 1 };
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
        iin.addEventListener("input", () => {
            const read = readIin(iin.value);
            preview.textContent = read
                ? read.date + ", " + (read.male ? preview.dataset.male : preview.dataset.female)
                : "";
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
