"""The catalogue's fixed vocabularies and their Danish labels: the one place to change them."""

MUNICIPALITIES: tuple[str, ...] = ("Ishøj", "Vallensbæk")

CATEGORIES: dict[str, str] = {
    "sundhed": "Sundhed",
    "socialt": "Socialt",
    "beskaeftigelse": "Beskæftigelse",
}

REFERRAL: dict[str, str] = {
    "self": "Borgeren kan selv henvende sig",
    "caseworker": "Kræver henvisning fra sagsbehandler",
    "self_or_caseworker": "Borgeren kan selv henvende sig eller henvises af sagsbehandler",
    "laege": "Kræver henvisning fra egen læge",
    "kontakt": "Kontakt tilbuddet om adgang",  # the offer's text says nothing about access: ask the offer
}

# The ways in that the overview can be filtered by, and the referral values that offer each: every referral
# value offers at least one, so no offer with a referral disappears when the filter is set.
ACCESS: dict[str, str] = {
    "self": "Kan selv henvende sig",
    "caseworker": "Via sagsbehandler",
    "laege": "Via egen læge",
    "kontakt": "Kontakt tilbuddet",
}
REFERRAL_ACCESS: dict[str, tuple[str, ...]] = {
    "self": ("self",),
    "caseworker": ("caseworker",),
    "self_or_caseworker": ("self", "caseworker"),
    "laege": ("laege",),
    "kontakt": ("kontakt",),
}

# Whom an offer addresses, where its text makes it clear: search uses them, so a query naming one role (the
# victim of violence) never ranks first an offer for another (the one who is violent). A violence offer names its
# side (udsat, udoever) instead of borger.
ROLES: dict[str, str] = {
    "borger": "Borgeren selv",
    "paaroerende": "Pårørende",
    "barn": "Børn og unge i familien",
    "udsat": "Den, der er udsat for vold",
    "udoever": "Den, der udøver vold",
}

# The government's ten goals for social mobility (May 2016), as listed in seed 001.
GOALS: dict[int, str] = {
    1: "Udsatte børn og unges faglige niveau i folkeskolen skal forbedres",
    2: "Flere udsatte unge skal gennemføre en ungdomsuddannelse",
    3: "Flere personer med handicap skal i uddannelse og beskæftigelse",
    4: "Flere personer med psykiske vanskeligheder eller sociale problemer skal i uddannelse og beskæftigelse",
    5: "Flere personer udsat for vold i nære relationer skal i uddannelse og beskæftigelse",
    6: "Færre udsatte unge skal begå kriminalitet",
    7: "Færre skal være hjemløse",
    8: "Større effekt af stofmisbrugsbehandlingen",
    9: "Større effekt af alkoholbehandlingen",
    10: "Flere uden for arbejdsfællesskabet skal deltage i den frivillige indsats",
}

# The Danish name of every key an offer or owner file holds: the fields' titles in the models (so the schema,
# the editor and the site show them) and the field names in messages. Names shared by an offer's contact and an
# owner (name, email) mean the same in both.
FIELD_LABELS: dict[str, str] = {
    "title": "Titel",
    "subtitle": "Undertitel",
    "category": "Kategori",
    "municipalities": "Kommuner",
    "purpose": "Formål",
    "target_group": "Målgruppe",
    "roles": "Henvender sig til",
    "description": "Beskrivelse",
    "visitation": "Kontakt og visitation",
    "further_information": "Yderligere oplysninger",
    "contacts": "Kontaktpersoner",
    "referral": "Adgang",
    "goals": "Mål for social mobilitet",
    "legal_basis": "Lovgrundlag",
    "tags": "Emneord",
    "owner": "Ansvarlig",
    "last_updated": "Senest opdateret",
    "name": "Navn",
    "role": "Rolle",
    "phone": "Telefon",
    "email": "E-mail",
    "address": "Adresse",
    "hours": "Åbningstider",
    "url": "Hjemmeside",
    "github": "GitHub",
    "reminded": "Påmindes",
}
# One item of a list, as a message counts it: "kontakt 2", "kommune 1".
ITEM_LABELS: dict[str, str] = {
    "contacts": "kontakt",
    "municipalities": "kommune",
    "goals": "mål",
    "legal_basis": "lovgrundlag",
    "tags": "emneord",
    "roles": "rolle",
    "phone": "telefon",
    "reminded": "påmindet",
}
