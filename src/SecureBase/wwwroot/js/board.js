// The board (/board): fetches the table every 30 seconds and swaps it in, so the page stays current
// without a reload. Without this script the page still shows the board as it was when opened.
(function () {
    "use strict";
    document.addEventListener("DOMContentLoaded", function () {
        var board = document.querySelector("[data-board-refresh]");
        if (!board || !window.fetch) { return; }
        var seconds = parseInt(board.getAttribute("data-board-every"), 10);
        var everyMs = (seconds >= 5 && seconds <= 60 ? seconds : 30) * 1000;
        var url = board.getAttribute("data-board-refresh");
        function refresh() {
            fetch(url, { credentials: "same-origin", cache: "no-store", headers: { "Accept": "text/html" } })
                .then(function (r) {
                    // Signed out (sent to the sign-in page) or refused: keep what is shown and stop.
                    if (!r.ok || r.redirected) { throw new Error("board " + r.status); }
                    return r.text();
                })
                .then(function (html) { board.innerHTML = html; window.setTimeout(refresh, everyMs); })
                .catch(function () { window.setTimeout(refresh, everyMs * 2); });
        }
        window.setTimeout(refresh, everyMs);
    });
})();
