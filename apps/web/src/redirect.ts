import { preferredLanguage } from "./i18n.ts";

// `/` chooses a language and keeps the query string and hash (web.md §2.1).
const lang = preferredLanguage(localStorage.getItem("cejst.lang"), navigator.languages);
location.replace(`./${lang}/${location.search}${location.hash}`);
