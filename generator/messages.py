"""Every message a content owner reads, in Danish, with English for developers: the one home of their wording.

Content owners read these in the pull request's annotations and job summary, in pre-commit, on the serve
problem page and from `catalogue new`, so Danish is the default. `--lang en` or CATALOGUE_LANG=en gives
English. A message names what is wrong and how to fix it; the field it is about is named by its Danish
label beside its key (`kontakt 1, telefon (phone)`), items counted from 1 as a person counts them.
"""

import difflib
import os
import re
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from generator.formatting import number
from generator.taxonomy import FIELD_LABELS, ITEM_LABELS

LANGUAGES = ("da", "en")
DEFAULT_LANGUAGE = "da"
_chosen: ContextVar[str | None] = ContextVar("language", default=None)

# key: (Danish, English). Placeholders are filled by `say`; whole numbers are written as the language writes them.
TEXTS: dict[str, tuple[str, str]] = {
    # Reading a file
    "cannot_read": ("kan ikke læses: {reason}", "cannot be read: {reason}"),
    "not_found": ("filen findes ikke", "no such file"),
    "no_access": ("du har ikke adgang til at læse den", "permission denied"),
    "not_regular_file": (
        "er ikke en almindelig fil (en mappe, en pipe eller en enhed); erstat den med en almindelig tekstfil",
        "is not a regular file (a folder, pipe or device); replace it with a plain text file",
    ),
    "too_big": (
        "fylder {size} bytes; en tilbudsfil skal være under {limit} bytes",
        "is {size} bytes; the file must be under {limit} bytes",
    ),
    "not_utf8": (
        "er ikke gemt som UTF-8 (byte 0x{byte}); gem filen igen med tegnsættet UTF-8",
        "is not UTF-8 (byte 0x{byte}); save the file as UTF-8",
    ),
    "empty_offer": (
        "er tom; et tilbud skal mindst have title, category, municipalities, purpose, target_group, visitation og "
        "last_updated (kør 'catalogue new' for en skabelon)",
        "is empty; an offer needs title, category, municipalities, purpose, target_group, visitation and "
        "last_updated (run 'catalogue new' for a template)",
    ),
    "unreadable_character": (
        "indeholder tegnet {character}, som en tilbudsfil ikke kan rumme; slet det",
        "contains the character {character}, which an offer file cannot hold; delete it",
    ),
    "anchors": (
        "ankre og aliaser (& og *) er ikke tilladt; skriv værdien ud",
        "anchors and aliases (& and *) are not allowed; write the value out",
    ),
    "too_deep": (
        "er indrykket mere end {depth} niveauer; så dybt er et tilbud aldrig",
        "is nested more than {depth} levels deep; an offer is never that deep",
    ),
    "yaml_tag": (
        "mærker som '{tag}' er ikke tilladt; skriv almindelig tekst",
        "YAML tags such as '{tag}' are not allowed; write plain text",
    ),
    "key_not_plain": ("en nøgle skal være almindelig tekst, fx 'title'", "a key must be plain text, such as 'title'"),
    "duplicate_key": (
        "står der to gange; den er allerede sat i linje {first_line}. Slet den ene",
        "duplicate key; already set on line {first_line}. Delete one of them",
    ),
    "unsupported_node": ("denne form for værdi kan ikke bruges", "unsupported YAML node"),
    "cannot_read_as": (
        "'{value}' kan ikke læses som {tag}; fjern mærket og skriv almindelig tekst",
        "'{value}' cannot be read as {tag}; remove the tag and write plain text",
    ),
    "number_too_long": (
        "'{value}' er et tal med {digits} cifre, for langt til at kunne læses; gør det kortere",
        "'{value}' is a number of {digits} digits, too long to be read; shorten it",
    ),
    "not_valid_yaml": ("kan ikke læses: {error}", "is not valid YAML: {error}"),
    # The commonest slips of a person typing YAML by hand, each at the line that is wrong
    "tab": (
        "der står et tabulatortegn; ryk ind med mellemrum i stedet (filen kan ikke bruge tabulatortegn)",
        "tab character; YAML is indented with spaces only",
    ),
    "several_documents": (
        "filen er delt i flere dele med '---'; der skal kun være ét tilbud pr. fil, så slet linjen med '---'",
        "holds several YAML documents ('---'); one offer per file",
    ),
    "escape_invalid_unicode": (
        "'{written}' er ikke et tegn, filen kan rumme (et halvt emoji eller en styrekode); skriv selve tegnet",
        "'{written}' is no character YAML can hold (half an emoji, or a control code); write the character",
    ),
    "escape_incomplete": (
        "'{written}' er en ufuldstændig tegnkode; i dobbelte anførselstegn skrives en omvendt skråstreg som "
        "\\\\, eller sæt teksten i enkelte anførselstegn",
        "'{written}' is an incomplete escape; in double quotes write a backslash as \\\\, or put the text in single "
        "quotes",
    ),
    "escape_unknown": (
        "'{written}' kan ikke stå i dobbelte anførselstegn; der skrives en omvendt skråstreg som \\\\, eller sæt "
        "teksten i enkelte anførselstegn",
        "'{written}' is not an escape YAML knows; in double quotes write a backslash as \\\\, or put the text in "
        "single quotes",
    ),
    "brackets_too_deep": (
        "parenteserne er indlejret for dybt; så dybt er et tilbud aldrig",
        "brackets are nested too deeply; an offer is never that deep",
    ),
    "quote_never_closed": (
        "teksten i anførselstegn, der begynder her, bliver aldrig afsluttet; tilføj det afsluttende anførselstegn",
        "the quoted text that starts here is never closed; add the closing quote",
    ),
    "quote_not_closed_on_line": (
        "teksten i anførselstegn, der begynder her, afsluttes ikke på sin linje; tilføj det afsluttende anførselstegn",
        "the quoted text that starts here is not closed on its line; add the closing quote",
    ),
    "bracket_never_closed": (
        "'{bracket}', der begynder her, bliver aldrig lukket; tilføj '{closing}' (eller et manglende komma)",
        "the '{bracket}' that opens here is never closed; add '{closing}' (or a missing ',')",
    ),
    "colon_in_value": (
        "teksten indeholder ': ', som ellers læses som et nyt feltnavn; sæt hele teksten i anførselstegn: "
        "{key}: {value}",
        "the text holds ': ', which YAML reads as a new key; put the whole text in quotes: {key}: {value}",
    ),
    "starts_with": (
        "en tekst kan ikke begynde med '{character}'; sæt hele teksten i anførselstegn: {key}: {value}",
        "a text cannot begin with '{character}'; put the whole text in quotes: {key}: {value}",
    ),
    "star_bullet": (
        "punkter i en liste skrives med '- ' foran, ikke '* '; skriv en bindestreg og et mellemrum",
        "items of a list begin with '- ', not '* '; write a hyphen and a space",
    ),
    "text_after_quote": (
        "der står tekst efter det afsluttende anførselstegn eller parentes; sæt hele teksten i "
        "anførselstegn: {key}: {value}",
        "there is text after the closing quote or bracket; put the whole text in quotes: {key}: {value}",
    ),
    "curly_quotes": (
        "teksten står i typografiske anførselstegn (“ ”), som filen læser som bogstaver; brug almindelige: "
        "{key}: {value}",
        "the text is in typographic quotes (“ ”), which the file reads as letters; use plain ones: {key}: {value}",
    ),
    "dash_without_space": (
        "der mangler et mellemrum efter '-'; skriv '- {value}' på sin egen linje for hvert punkt",
        "a space is missing after '-'; write '- {value}' on a line of its own for each item",
    ),
    "list_needs_dashes": (
        "skal være en liste; sæt '- ' foran det første felt i hvert punkt, fx '- name: …'",
        "must be a list; put '- ' before the first key of each item, e.g. '- name: …'",
    ),
    "lost_indentation": (
        "linjen hører til teksten i '{key}' ovenfor, men er ikke rykket ind; ryk den ind med mellemrum, så den "
        "flugter med linjerne over den",
        "this line belongs to the text of '{key}' above but is not indented; indent it with spaces like the lines "
        "above it",
    ),
    "missing_space": (
        "der mangler et mellemrum efter ':'; skriv '{key}: {value}'",
        "a space is missing after ':'; write '{key}: {value}'",
    ),
    "list_item_outside": (
        "punktet '- …' står uden for sin liste; ryk det ind, så det flugter med de andre punkter under '{key}:'",
        "the item '- …' stands outside its list; indent it like the other items under '{key}:'",
    ),
    "misaligned_key": (
        "'{key}:' er ikke rykket ind som nøglerne omkring den; ryk den ind præcis som linjen over",
        "'{key}:' is not indented like the keys around it; indent it exactly like the line above",
    ),
    "comment_in_value": (
        "alt efter ' #' læses som en kommentar, så '{lost}' kommer ikke med; sæt hele teksten i anførselstegn: "
        "{key}: {value}",
        "everything after ' #' is read as a comment, so '{lost}' is left out; put the whole text in quotes: "
        "{key}: {value}",
    ),
    "syntax": (
        "filen kan ikke læses her ({problem}); se efter et manglende mellemrum efter ':', forkert indrykning "
        "eller et manglende anførselstegn i denne linje eller linjen over",
        "YAML syntax error: {problem}",
    ),
    # The folder and the file
    "id_used_twice": (
        "id'et '{id}' bruges allerede af {other}; omdøb en af filerne",
        "id '{id}' is already used by {other}; rename one",
    ),
    "no_offer_files": ("indeholder ingen tilbudsfiler (NAVN.yaml)", "holds no offer files (NAME.yaml)"),
    "link_missing": (
        "er et link til en fil, der ikke findes; fjern det",
        "is a link to a file that does not exist; remove it",
    ),
    "link_outside": (
        "er et link til en fil uden for mappen; links skal blive inde i kataloget",
        "is a link to a file outside its folder; links must stay inside the catalogue",
    ),
    "is_folder": (
        "er en mappe; tilbud læses kun fra filer, der ligger direkte i katalogmappen",
        "is a folder; offers are read only from files directly in the catalogue folder",
    ),
    "not_regular_remove": ("er ikke en almindelig fil; fjern den", "is not a regular file; remove it"),
    "lowercase_suffix": (
        "tilbudsfiler ender på .yaml med små bogstaver; omdøb til {stem}.yaml",
        "offer files end in lower-case .yaml; rename to {stem}.yaml",
    ),
    "not_offer_file": (
        "er ikke en tilbudsfil (NAVN.yaml); omdøb den, så den ender på .yaml, eller flyt den ud af {folder}",
        "is not an offer file (NAME.yaml); rename it to end in .yaml, or move it out of {folder}",
    ),
    "holds_list": (
        "indeholder en liste; et tilbud er en række nøgler som 'title: …'",
        "holds a list; an offer is a set of keys such as 'title: …'",
    ),
    "holds_value": (
        "indeholder en enkelt værdi; et tilbud er en række nøgler som 'title: …'",
        "holds a single value; an offer is a set of keys such as 'title: …'",
    ),
    "id_key": (
        "ukendt feltnavn; filnavnet er tilbuddets id, så slet linjen",
        "unknown key; the file name is the offer's id, so delete the line",
    ),
    "rename_yml": (
        "tilbudsfiler ender på .yaml; omdøb til {stem}.yaml",
        "offer files end in .yaml; rename to {stem}.yaml",
    ),
    "bad_file_name": (
        "filnavnet '{name}' er ikke et gyldigt id (a-z, 0-9 og '-', æøå som ae/oe/aa); omdøb til {suggestion}.yaml",
        "file name '{name}' is not a valid id (a-z, 0-9 and '-', æøå as ae/oe/aa); rename to {suggestion}.yaml",
    ),
    "reserved_id": (
        "'{stem}' er reserveret til en side på webstedet; giv filen et andet navn",
        "'{stem}' is reserved for a page of the site; rename the file",
    ),
    "first_line": (
        "første linje skal være '{line}', så editorer kan tjekke filen; skriv den tilbage øverst i filen",
        "first line must be '{line}' so editors can check the file; put it back at the top",
    ),
    "unknown_owner": (
        "'{owner}' er ikke en ansvarlig i owners.yaml; {hint} Gyldige nøgler: {keys}",
        "'{owner}' is no owner in owners.yaml; {hint} Valid keys: {keys}",
    ),
    "unknown_owner_close": ("mente du {close}?", "did you mean {close}?"),
    "unknown_owner_add": (
        "brug en af nøglerne, eller få en vedligeholder til at tilføje den.",
        "use one of the keys, or have a maintainer add it.",
    ),
    "more_in_file": (
        "… og {count} fejl mere i denne fil; ret disse først, og tjek så igen",
        "… and {count} more problem(s) in this file; fix these first, then check again",
    ),
    "not_all_shown": (
        "… ikke alle vist: {count} fejl i alt; ret disse først, og tjek så igen",
        "… not all shown: {count} problem(s) in all; fix these first, then check again",
    ),
    # The register of owners
    "register_missing": (
        "mangler; uden registret over ansvarlige har intet tilbud en godkender (se README: Ansvarlige)",
        "is missing; without the register of owners no offer has a reviewer (see README: Owners)",
    ),
    "register_empty": (
        "er tom; registret skal have én post pr. ansvarlig (se README)",
        "is empty; the register needs one entry per owner (see README)",
    ),
    "register_not_mapping": (
        "skal være en række nøgler som 'sundhed-ishoej:' med name og email under",
        "must be a set of keys such as 'sundhed-ishoej:' with name and email below",
    ),
    "owner_key": (
        "en ansvarligs nøgle skrives med små a-z, 0-9 og '-' (æøå som ae/oe/aa), fx sundhed-ishoej",
        "an owner's key is lower-case a-z, 0-9 and '-' (æøå as ae/oe/aa), e.g. sundhed-ishoej",
    ),
    "maintainers_github": (
        "skal have en github-bruger: filer uden en anden ansvarlig godkendes af vedligeholderne",
        "needs a github handle: files without another owner are reviewed by the maintainers",
    ),
    "maintainers_missing": (
        "mangler; tilføj '{key}:' med name, email og github",
        "required key is missing; add '{key}:' with name, email and github",
    ),
    # The model's own rules (raised with validation.rule_error)
    "blank": (
        "er tom; skriv teksten, eller fjern nøglen, hvis den er valgfri",
        "is empty; write the text, or remove the key if it is optional",
    ),
    "blank_item": (  # a bare `-` in a list: there is no key to remove, only the item
        "er et tomt punkt i listen; skriv det ud, eller slet linjen med '-'",
        "is an empty item of the list; fill it in, or delete the line with the '-'",
    ),
    "blank_required": ("er tom; feltet skal udfyldes", "is empty; this key is required: fill it in"),
    "invisible_character": (
        "indeholder det usynlige tegn {character}; slet det (skriv teksten omkring det igen)",
        "contains the invisible character {character}; delete it (retype the text around it)",
    ),
    "one_line": ("skal stå på én linje; skriv det uden linjeskift", "must be one line; write it without line breaks"),
    "title_markup": (
        "må ikke indeholde < eller >; skriv titlen som almindelig tekst",
        "must not contain < or >; write the title as plain text",
    ),
    "phone": (
        "'{value}' er ikke et dansk telefonnummer; skriv 8 cifre, gerne med mellemrum, fx 43 57 77 26",
        "'{value}' is not a Danish phone number; write 8 digits, spaces allowed, e.g. 43 57 77 26",
    ),
    "email": (
        "'{value}' er ikke en almindelig e-mailadresse; skriv fx sundhed@ishoj.dk",
        "'{value}' is not a plain e-mail address; write e.g. sundhed@ishoj.dk",
    ),
    "url": (
        "'{value}' er ikke en webadresse; skriv den som https://… uden mellemrum, anførselstegn eller < >",
        "'{value}' is not a web address; write it as https://… with no spaces, quotes or < >",
    ),
    "url_userinfo": (
        "'{value}' har et brugernavn før '@', så en browser går til {host}; skriv adressen uden det",
        "'{value}' has a user name before '@', so a browser goes to {host}; write the address without it",
    ),
    "url_mixed_scripts": (
        "'{value}': værtsnavnet {host} blander bogstaver fra forskellige skriftsystemer ({scripts}), som "
        "forfalskede adresser gør; skriv det med bogstaver fra ét skriftsystem",
        "'{value}': the host name {host} mixes letters of different scripts ({scripts}), as look-alike "
        "addresses do; write it in the letters of one script",
    ),
    "url_idna": (
        "'{value}': {host} er ikke et gyldigt internationalt domænenavn; skriv adressen, som den staves",
        "'{value}': {host} is not a valid international domain name; write the address as it is spelled",
    ),
    "date_time": (
        "indeholder et klokkeslæt; skriv kun datoen, fx 2012-12-19",
        "has a time of day; write only the date, e.g. 2012-12-19",
    ),
    "date_impossible": (
        "'{value}' er ikke en rigtig dato; tjek dag og måned",
        "'{value}' is not a real date; check day and month",
    ),
    "date_danish": ("'{value}' skal skrives som år-måned-dag: {iso}", "'{value}' is not an ISO date; write {iso}"),
    "date_format": (
        "'{value}' er ikke en dato; skriv den som ÅÅÅÅ-MM-DD, fx 2012-12-19",
        "'{value}' is not a date; write it as YYYY-MM-DD, e.g. 2012-12-19",
    ),
    "date_future": (
        "{value} ligger i fremtiden; skriv den dato, hvor tilbuddet senest blev kontrolleret",
        "{value} is in the future; write the date the offer was last checked",
    ),
    "duplicate_item": ("'{item}' står der to gange; slet den ene", "'{item}' is listed twice; delete one"),
    "github": (
        "'{value}' er ikke en GitHub-bruger eller et team; skriv @bruger eller @organisation/team",
        "'{value}' is not a GitHub user or team; write @user or @organisation/team",
    ),
    "github_user": (
        "'{value}' er ikke et GitHub-brugernavn; skriv personens login, fx mette-ishoej (ikke et team)",
        "'{value}' is not a GitHub user name; write the person's login, e.g. mette-ishoej (not a team)",
    ),
    # What pydantic finds, in the owner's words (validation.describe)
    "missing": (
        "mangler; tilføj '{key}: …' {where}",
        "required key is missing; add '{key}: …' {where}",
    ),
    "missing_after": ("efter linjen med '{before}:'", "after the line with '{before}:'"),
    "missing_top": ("øverst under første linje", "at the top, below the first line"),
    "unknown_key_close": ("ukendt feltnavn; mente du {close}?", "unknown key; did you mean {close}?"),
    "unknown_key": ("ukendt feltnavn; de tilladte er {allowed}", "unknown key; allowed keys are {allowed}"),
    "not_text_list": (
        "skal være tekst, ikke en liste eller feltnavne; begynder teksten med [ eller {{, så sæt den i anførselstegn",
        "must be text, not a list or mapping; if the text begins with [ or {{, put it in quotes",
    ),
    "not_text": (
        '{value} er ikke tekst; mener du teksten, så skriv den i anførselstegn: "{value}"',
        '{value} is not text; if you mean the text, write it in quotes: "{value}"',
    ),
    "too_few": ("skal have mindst ét punkt", "must list at least one"),
    "too_long_text": (
        "er {length} tegn lang; der er plads til {limit}: gør den kortere",
        "is {length} characters long; the limit is {limit}: shorten it",
    ),
    "too_many": (
        "har {count} punkter; der må højst være {limit}",
        "lists {count} items; at most {limit} are allowed",
    ),
    "not_one_of": ("{value} er ikke en af: {choices}{hint}", "{value} is not one of: {choices}{hint}"),
    "did_you_mean": ("; mente du {close}?", "; did you mean {close}?"),
    "must_be_list_of": ("skal være en liste, fx [{value}]", "must be a list, e.g. [{value}]"),
    "must_be_list": ("skal være en liste", "must be a list"),
    "must_be_mapping": (
        "skal være en række nøgler som 'name: …', 'phone: …'",
        "must be a set of keys such as 'name: …', 'phone: …'",
    ),
    "not_whole_number": ("{value} er ikke et helt tal", "{value} is not a whole number"),
    "not_goal": (
        "{value} er ikke et måls nummer; målene har numrene 1 til 10",
        "{value} is not a goal number; the goals are numbered 1 to 10",
    ),
    # Consistency between an offer's text and its contacts (warnings: the page would show two numbers)
    "phone_differs": (
        "teksten nævner {written}, men kontakten har {contact} (ét ciffer forskelligt); ret det ene, så de er ens",
        "the text gives {written}, but the contact has {contact} (one digit apart); correct one so they agree",
    ),
    "phone_not_in_contacts": (
        "teksten nævner telefonnummeret {written}, som ingen kontakt har; tilføj det under contacts, eller ret det",
        "the text gives the phone number {written}, which no contact has; add it under contacts, or correct it",
    ),
    "email_differs": (
        "teksten nævner {written}, men kontakten har {contact}; ret det ene, så de er ens",
        "the text gives {written}, but the contact has {contact}; correct one so they agree",
    ),
    # Warnings about the offer as a whole (the catalogue is still built)
    "role_not_found": (
        "tilbuddet er for '{role}', men ingen af dets tekster eller søgeord har et ord, der begynder med '{word}', "
        "som søgningen finder sådanne tilbud ved; tilføj fx '{word}' under tags",
        "the offer is for '{role}', but none of its texts or search words has a word beginning with '{word}', the "
        "word search finds such offers by; add, say, '{word}' under tags",
    ),
    "no_referral": (
        "mangler, så tilbuddet forsvinder, når en sagsbehandler filtrerer på adgang; tilføj 'referral: …' {where} "
        "med self (borgeren kan selv henvende sig), caseworker (via sagsbehandler), self_or_caseworker (begge "
        "dele), laege (henvisning fra egen læge) eller kontakt (teksten siger intet om adgang)",
        "is missing, so the offer disappears when caseworkers filter by access; add 'referral: …' {where} with "
        "self (citizens may contact the offer themselves), caseworker (through a caseworker), self_or_caseworker "
        "(both), laege (a referral from the citizen's own doctor) or kontakt (the text says nothing about access)",
    ),
    "duplicate_title": (
        "'{title}' er også titlen på {others}; giv tilbuddene en undertitel (subtitle: …), fx målgruppen med få "
        "ord, så man kan kende dem fra hinanden i lister og søgning",
        "'{title}' is also the title of {others}; give the offers a subtitle (subtitle: …), e.g. the target group "
        "in a few words, so they can be told apart in lists and search",
    ),
    # Summaries
    "summary_problems": (
        "{count} fejl i {files} fil(er); {read} tilbudsfil(er) læst",
        "{count} problem(s) in {files} file(s); {read} offer file(s) read",
    ),
    "summary_warnings": ("{count} advarsel(er)", "{count} warning(s)"),
    "summary_valid": ("{count} fil(er) uden fejl", "{count} file(s) valid"),
    "summary_invalid": (
        "{count} fejl i kataloget; intet er gjort (se 'catalogue validate')",
        "{count} problem(s) in the catalogue; nothing done (see 'catalogue validate')",
    ),
    "nothing_built": (
        "{count} fejl i kataloget; intet er bygget",
        "{count} problem(s) in the catalogue; nothing was built",
    ),
    "pages_show_problems": (
        "siderne viser disse fejl, indtil de er rettet",
        "the pages show these problems until they are fixed",
    ),
    "table_header": (
        "| Fil | Linje | Kolonne | Felt | Fejl |\n| --- | --: | --: | --- | --- |\n",
        "| File | Line | Column | Field | Problem |\n| --- | --: | --: | --- | --- |\n",
    ),
    "table_none": ("Ingen fejl fundet.\n", "No problems found.\n"),
    "table_more": (
        "\n… og {count} fejl mere; kør `catalogue validate` for at se dem.\n",
        "\n… and {count} more problem(s); run `catalogue validate` to see them.\n",
    ),
    "warning_word": ("advarsel", "warning"),
    "file_label": ("filen", "file"),
    # catalogue new
    "new_invalid_id": (
        "'{id}' er ikke et gyldigt id (a-z, 0-9 og '-', æøå som ae/oe/aa); brug '{suggestion}'",
        "'{id}' is not a valid id (a-z, 0-9 and '-', æøå as ae/oe/aa); use '{suggestion}'",
    ),
    "new_reserved": (
        "'{id}' er reserveret til en side på webstedet; vælg et andet id",
        "'{id}' is reserved for a page of the site; choose another id",
    ),
    "new_no_folder": (
        "{folder}: mappen findes ikke; kør kommandoen i projektets øverste mappe",
        "{folder}: no such folder; run this in the repository's top folder",
    ),
    "new_exists": (
        "{target} findes allerede; ret i den, eller vælg et andet id",
        "{target} already exists; edit it, or choose another id",
    ),
    "new_written": (
        "skrev {target}; udfyld de tomme felter, og kør så 'catalogue validate {target}'",
        "wrote {target}; fill in the empty keys, then run 'catalogue validate {target}'",
    ),
}


def language() -> str:
    """The language chosen with `use`, else CATALOGUE_LANG, else Danish."""
    chosen = _chosen.get() or os.environ.get("CATALOGUE_LANG", "").strip().lower()[:2]
    return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE


@contextmanager
def use(lang: str) -> Iterator[None]:
    """Messages in `lang` inside the block (`catalogue --lang en`)."""
    token = _chosen.set(lang)
    try:
        yield
    finally:
        _chosen.reset(token)


def say(key: str, /, **params: object) -> str:
    """The message `key` in the current language, its placeholders filled in."""
    danish, english = TEXTS[key]
    lang = language()
    shown = {
        name: number(value, lang) if isinstance(value, int) and not isinstance(value, bool) else value
        for name, value in params.items()
    }
    return (danish if lang == "da" else english).format(**shown)


def template(key: str) -> str:
    """A message's text before its placeholders are filled (pydantic fills them in a custom error)."""
    danish, english = TEXTS[key]
    return danish if language() == "da" else english


_PART = re.compile(r"\[(\d+)\]|\.?([A-Za-z_][\w-]*)")
_PATH = re.compile(r"[A-Za-z_][\w-]*(?:\[\d+\]|\.[A-Za-z_][\w-]*)*")


def field_label(field: str) -> str:
    """How a message names a field: `kontakt 1, telefon (phone)` in Danish, `contacts[0].phone` in English.

    Danish counts list items from 1 and names each key by its label (the model's field title), with the key as
    the file spells it in brackets, so the owner can find the line. A key the models do not know is named as
    written (then it is no path to take apart: `x.y` may be one key).
    """
    if language() != "da":
        return field
    if field == "file":
        return TEXTS["file_label"][0]
    if not _PATH.fullmatch(field):
        return field
    words: list[str] = []
    key = ""
    for index, name in _PART.findall(field):
        if index:
            item = ITEM_LABELS.get(key) or (FIELD_LABELS[key].lower() if key in FIELD_LABELS else key)
            words[-1] = f"{item} {int(index) + 1}"
        else:
            key = name
            words.append(FIELD_LABELS[name].lower() if name in FIELD_LABELS else name)
    label = ", ".join(words)
    return f"{label} ({key})" if key in FIELD_LABELS and FIELD_LABELS[key].lower() != key else label


def unknown_owner(owner: str, keys: Collection[str]) -> str:
    close = difflib.get_close_matches(owner, list(keys), n=1, cutoff=0.6)
    hint = say("unknown_owner_close", close=close[0]) if close else say("unknown_owner_add")
    return say("unknown_owner", owner=owner, hint=hint, keys=", ".join(sorted(keys)))
