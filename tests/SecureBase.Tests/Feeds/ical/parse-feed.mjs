// Parses an iCalendar feed (read from stdin) with ical.js, a real calendar library, and prints what
// a calendar app would show as JSON: each event's local start and end in its time zone, the UTC
// instant, summary, location and status. CalendarFeedParsingTests runs it with node.
import ICAL from "ical.js";

let text = "";
process.stdin.setEncoding("utf8");
for await (const chunk of process.stdin) { text += chunk; }

const calendar = new ICAL.Component(ICAL.parse(text));
for (const zone of calendar.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(zone);
}

const pad = n => String(n).padStart(2, "0");
const local = t => `${t.year}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}:${pad(t.minute)}`;
const events = calendar.getAllSubcomponents("vevent").map(v => {
    const e = new ICAL.Event(v);
    return {
        uid: e.uid,
        summary: e.summary,
        location: e.location,
        description: e.description,
        status: v.getFirstPropertyValue("status"),
        tzid: e.startDate.zone ? e.startDate.zone.tzid : null,
        start: local(e.startDate),
        end: local(e.endDate),
        startUtc: e.startDate.toJSDate().toISOString(),
    };
});
const zones = calendar.getAllSubcomponents("vtimezone").map(z => z.getFirstPropertyValue("tzid"));
process.stdout.write(JSON.stringify({ name: calendar.getFirstPropertyValue("x-wr-calname"), zones, events }));
