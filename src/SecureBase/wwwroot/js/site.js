// SecureBase's only script. Pages work without it; it adds small conveniences.
(function () {
    "use strict";
    document.addEventListener("DOMContentLoaded", function () {
        // Move focus to the error summary so keyboard and screen reader users hear it first.
        var summary = document.querySelector("[data-focus-on-load]");
        if (summary) { summary.focus(); }

        // Buttons that need a second thought: <button data-confirm="Disable this account?">.
        document.querySelectorAll("[data-confirm]").forEach(function (el) {
            el.addEventListener("click", function (e) {
                if (!window.confirm(el.getAttribute("data-confirm"))) { e.preventDefault(); }
            });
        });

        // Print buttons.
        document.querySelectorAll("[data-print]").forEach(function (el) {
            el.addEventListener("click", function () { window.print(); });
        });

        // Copy buttons, e.g. for a temporary password shown once.
        document.querySelectorAll("[data-copy]").forEach(function (el) {
            el.addEventListener("click", function () {
                var target = document.getElementById(el.getAttribute("data-copy"));
                if (target && navigator.clipboard) {
                    navigator.clipboard.writeText(target.textContent.trim());
                    el.textContent = "Copied";
                }
            });
        });
    });
})();
