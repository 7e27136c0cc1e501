import { preferredLanguage } from "./i18n.ts";

// `/` and each route's address without a language prefix (`/downloads/`, whose entry names
// its slug and the way up to the root) choose a language and keep the query string and hash
// (web.md §2.1, W8).
const lang = preferredLanguage(localStorage.getItem("cejst.lang"), navigator.languages);
const { up = "./", slug = "" } = document.body.dataset;
location.replace(`${up}${lang}/${slug === "" ? "" : `${slug}/`}${location.search}${location.hash}`);
