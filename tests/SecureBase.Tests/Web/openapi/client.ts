// A school information system's script, typed by the client openapi-typescript generated from /openapi/v1.json:
// it signs nothing in itself (the test hands it a session cookie) and reads who it is and the school's pupils.
import createClient from "openapi-fetch";
import type { paths } from "./api.js";

declare const process: { argv: string[] };

const [baseUrl, cookie] = process.argv.slice(2);
const api = createClient<paths>({ baseUrl, headers: { Cookie: cookie } });

const me = await api.GET("/api/v1/me");
const pupils = await api.GET("/api/v1/pupils");
const missing = await api.GET("/api/v1/pupils/{pupilId}", { params: { path: { pupilId: "00000000-0000-0000-0000-000000000001" } } });

// Typed fields: these lines only compile because the generated types know MeDto and the pupil list.
const userName: string | undefined = me.data?.userName;
const school: string | undefined = me.data?.school.name;
console.log(JSON.stringify({
  me: { status: me.response.status, userName, school },
  pupils: { status: pupils.response.status, body: pupils.data },
  missing: { status: missing.response.status, title: missing.error?.title ?? null },
}));
