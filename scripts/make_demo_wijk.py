#!/usr/bin/env python3
"""Generates assets/demo-wijk.wijkweb.json: an invented but realistic wijk.

Deterministic (fixed seed). Every name is invented; any likeness to real people is chance.
Run from the repository root: python3 scripts/make_demo_wijk.py
"""
import json
import random

rng = random.Random(20261123)
WIJK = "Vogelbuurt"
WIJK2 = "Bloemenkwartier"

nodes = []
relations = []
rel_seen = set()


def slug(text):
    out = []
    for c in text.lower():
        c = {"ë": "e", "é": "e", "ç": "c", "ü": "u", "ö": "o", "ï": "i", "ş": "s", "ğ": "g", "ł": "l", "ó": "o", "ą": "a", "ę": "e", "ń": "n", "ś": "s", "ź": "z", "ż": "z", "'": ""}.get(c, c)
        out.append(c if c.isalnum() else "-")
    s = "".join(out)
    while "--" in s:
        s = s.replace("--", "-")
    return s.strip("-")


def node(prefix, kind, name, **fields):
    nid = f"{prefix}-{slug(name)}"
    n = 2
    base = nid
    while any(x["id"] == nid for x in nodes):
        nid = f"{base}-{n}"
        n += 1
    rec = {"id": nid, "kind": kind, "name": name}
    rec.update({k: v for k, v in fields.items() if v not in (None, [], "")})
    nodes.append(rec)
    return nid


def rel(a, b, kind, strength=2, since=None, until=None, notes=None):
    if a == b:
        return
    key = (a, b, kind) if kind == "refers_to" else (min(a, b), max(a, b), kind)
    if key in rel_seen:
        return
    rel_seen.add(key)
    r = {"id": f"r{len(relations) + 1:04d}", "source": a, "target": b, "kind": kind, "strength": strength}
    if since:
        r["since"] = since
    if until:
        r["until"] = until
    if notes:
        r["notes"] = notes
    relations.append(r)


def date(y0=2015, y1=2025):
    return f"{rng.randint(y0, y1)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


# Organisations
org = {}
for key, name, role, offers, tags in [
    ("welzijn", "Welzijn Vliet", "welzijnsorganisatie", ["welzijn", "eenzaamheid", "taal"], ["welzijn"]),
    ("huisarts", "Huisartsenpraktijk De Linde", "huisartsenpraktijk", ["zorg", "gezondheid"], ["zorg"]),
    ("corporatie", "Woningcorporatie Thuis aan de Vliet", "woningcorporatie", ["wonen"], ["wonen"]),
    ("schuldhulp", "Schuldhulp Vliet", "schuldhulpverlening", ["schulden", "geldzaken"], ["schulden"]),
    ("school", "Basisschool De Regenboog", "basisschool", ["jeugd", "opvoeding"], ["jeugd"]),
    ("moskee", "Moskee Al-Amal", "moskee", ["religie", "ontmoeting"], ["religie"]),
    ("kerk", "Protestantse Gemeente De Ark", "kerk", ["religie", "ontmoeting"], ["religie"]),
    ("wijkteam", "Wijkteam Vogelbuurt", "wijkteam", ["zorg", "opvoeding", "schulden"], ["zorg", "welzijn"]),
    ("wijkverpleging", "Wijkverpleging De Vliet", "thuiszorg", ["zorg"], ["zorg"]),
    ("politie", "Politie basisteam Vliet", "politie", ["veiligheid"], ["veiligheid"]),
    ("bibliotheek", "Bibliotheek Vliet", "bibliotheek", ["taal", "digitaal"], ["cultuur", "taal"]),
    ("voedselbank", "Voedselbank Vliet", "voedselbank", ["voeding"], ["armoede"]),
    ("ggz", "GGZ Vliet", "ggz-instelling", ["psychische gezondheid"], ["zorg"]),
    ("maatjes", "Maatjesproject Samen Verder", "maatjesproject", ["eenzaamheid"], ["welzijn"]),
    ("werkplein", "Werkplein Vliet", "werk en inkomen", ["werk"], ["werk"]),
]:
    org[key] = node("o", "organisation", name, wijk=WIJK, role=role, offers=offers, tags=tags)

# Initiatives
ini = {}
for key, name, role, offers, tags in [
    ("buurthuis", "Buurthuis De Schakel", "buurthuis", ["ontmoeting", "eenzaamheid"], ["welzijn"]),
    ("taalcafe", "Taalcafe De Brug", "taalcafe", ["taal"], ["taal"]),
    ("moestuin", "Moestuin De Groene Vinger", "moestuin", ["ontmoeting", "gezondheid"], ["natuur"]),
    ("kor", "Kunst op Recept", "Kunst op Recept", ["cultuur", "psychische gezondheid"], ["cultuur", "zorg"]),
    ("koffie", "Koffieochtend voor ouders", "koffieochtend", ["opvoeding", "ontmoeting"], ["jeugd"]),
    ("repair", "Repair Café Vogelbuurt", "repair café", ["ontmoeting"], ["duurzaamheid"]),
    ("wandel", "Wandelgroep Vogelvrij", "wandelgroep", ["sport", "gezondheid"], ["sport"]),
    ("eettafel", "Eettafel De Schakel", "eettafel", ["voeding", "eenzaamheid"], ["welzijn"]),
    ("huiswerk", "Huiswerkklas Vogelbuurt", "huiswerkbegeleiding", ["jeugd", "taal"], ["jeugd"]),
    ("naaiatelier", "Naaiatelier Draad", "naaiatelier", ["ontmoeting", "werk"], ["werk"]),
    ("voetbal", "Pleinvoetbal Merelplein", "sport", ["sport", "jeugd"], ["sport"]),
    ("geldcafe", "Geldcafe Vliet", "spreekuur geldzaken", ["schulden", "geldzaken"], ["schulden"]),
    ("digicafe", "Digicafe Bibliotheek", "digitaal spreekuur", ["digitaal"], ["taal"]),
]:
    ini[key] = node("i", "initiative", name, wijk=WIJK, role=role, offers=offers, tags=tags)

rel(ini["buurthuis"], org["welzijn"], "partners_with", 3, since="2016-01-01")
rel(ini["eettafel"], ini["buurthuis"], "partners_with", 3)
rel(ini["taalcafe"], org["bibliotheek"], "partners_with", 2)
rel(ini["digicafe"], org["bibliotheek"], "partners_with", 3)
rel(ini["koffie"], org["school"], "partners_with", 3)
rel(ini["huiswerk"], org["school"], "partners_with", 2)
rel(ini["geldcafe"], org["schuldhulp"], "partners_with", 3)
rel(org["wijkteam"], org["welzijn"], "partners_with", 3)
rel(org["wijkteam"], org["schuldhulp"], "partners_with", 2)
rel(org["wijkteam"], org["ggz"], "partners_with", 2)
rel(org["huisarts"], org["wijkverpleging"], "partners_with", 3)
rel(org["corporatie"], org["welzijn"], "partners_with", 2)
rel(org["maatjes"], org["welzijn"], "partners_with", 2)
rel(org["voedselbank"], org["kerk"], "partners_with", 2)
rel(org["huisarts"], ini["kor"], "refers_to", 2, notes="verwijst patiënten met somberheid")
rel(org["wijkteam"], org["schuldhulp"], "refers_to", 2)
rel(org["huisarts"], org["ggz"], "refers_to", 2)
rel(org["corporatie"], org["schuldhulp"], "refers_to", 1, notes="bij huurachterstand")
rel(org["wijkteam"], org["voedselbank"], "refers_to", 2)

# Professionals
pro = {}
for key, name, role, employer, tags in [
    ("makelaar", "Sanne de Vries", "sociaal makelaar", "welzijn", ["welzijn", "eenzaamheid"]),
    ("makelaar2", "Youssef El Amrani", "sociaal makelaar", "welzijn", ["welzijn", "jeugd"]),
    ("huisarts", "Dokter Marieke Hoekstra", "huisarts", "huisarts", ["zorg"]),
    ("huisarts2", "Dokter Rajesh Ramdin", "huisarts", "huisarts", ["zorg"]),
    ("poh", "Linda Verhoeven", "praktijkondersteuner GGZ", "huisarts", ["zorg"]),
    ("wijkverpleegkundige", "Esther Mulder", "wijkverpleegkundige", "wijkverpleging", ["zorg"]),
    ("wijkagent", "Mark Jansen", "wijkagent", "politie", ["veiligheid"]),
    ("consulent", "Priya Baldewsingh", "buurtconsulent", "corporatie", ["wonen"]),
    ("schuldhulpverlener", "Karin Smit", "schuldhulpverlener", "schuldhulp", ["schulden"]),
    ("wijkteam1", "Ahmed Bouzid", "wijkteamlid", "wijkteam", ["zorg", "jeugd"]),
    ("wijkteam2", "Joyce Pinas", "wijkteamlid", "wijkteam", ["zorg"]),
    ("imam", "Imam Mustafa Yıldız", "imam", "moskee", ["religie"]),
    ("dominee", "Dominee Hendrik van Dijk", "predikant", "kerk", ["religie"]),
    ("juf", "Juf Fleur Bos", "leerkracht", "school", ["jeugd"]),
    ("ib", "Nicole Kramer", "intern begeleider", "school", ["jeugd"]),
    ("bieb", "Tom de Graaf", "bibliothecaris", "bibliotheek", ["taal"]),
    ("jongerenwerker", "Dennis Martina", "jongerenwerker", "welzijn", ["jeugd", "sport"]),
    ("ggz", "Eva Lindqvist", "psycholoog", "ggz", ["zorg"]),
    ("werkcoach", "Bas Vermeulen", "werkcoach", "werkplein", ["werk"]),
    ("maatjescoord", "Ingrid Peters", "coördinator maatjes", "maatjes", ["eenzaamheid"]),
]:
    pro[key] = node("p", "person", name, wijk=WIJK, role=role, tags=tags,
                    contact=f"{slug(name).split('-')[-1]}@{slug(employer)}.example")
    rel(pro[key], org[employer], "works_at", 3, since=date(2010, 2022))

# professionals know each other
for a, b, s in [("makelaar", "makelaar2", 3), ("makelaar", "wijkteam1", 3), ("makelaar", "huisarts", 2),
                ("makelaar", "wijkverpleegkundige", 3), ("makelaar", "consulent", 2), ("makelaar", "wijkagent", 2),
                ("makelaar", "imam", 2), ("makelaar", "dominee", 2), ("makelaar2", "jongerenwerker", 3),
                ("makelaar2", "juf", 2), ("wijkteam1", "wijkteam2", 3), ("wijkteam2", "schuldhulpverlener", 2),
                ("huisarts", "poh", 3), ("huisarts2", "poh", 3), ("poh", "ggz", 2), ("wijkagent", "jongerenwerker", 2),
                ("juf", "ib", 3), ("ib", "wijkteam1", 2), ("bieb", "makelaar", 1), ("maatjescoord", "makelaar", 3),
                ("werkcoach", "wijkteam2", 1)]:
    rel(pro[a], pro[b], "knows", s)
rel(pro["makelaar"], ini["buurthuis"], "coordinates", 3, since="2019-03-01")
rel(pro["makelaar2"], ini["voetbal"], "coordinates", 2)
rel(pro["makelaar"], ini["taalcafe"], "refers_to", 2)
rel(pro["makelaar"], ini["kor"], "refers_to", 2)
rel(pro["makelaar"], org["maatjes"], "refers_to", 3)
rel(pro["wijkteam1"], org["schuldhulp"], "refers_to", 2)
rel(pro["schuldhulpverlener"], ini["geldcafe"], "coordinates", 2)
rel(pro["bieb"], ini["digicafe"], "coordinates", 3)

# Residents, in households on streets
first_f = ["Anja", "Fatima", "Zoë", "Maria", "Ayşe", "Noor", "Sevda", "Gerda", "Joke", "Priscilla", "Agnieszka", "Hanan",
           "Lotte", "Yasmina", "Ria", "Samira", "Emine", "Wilma", "Naima", "Kim", "Roos", "Latifa", "Tineke", "Rachida",
           "Shanti", "Olga", "Fenna", "Amira", "Bep", "Iris", "Chantal", "Hatice", "Ilse", "Dewi", "Malika", "Lieke"]
first_m = ["Hüseyin", "Kees", "Mohamed", "Jan", "Piet", "Rachid", "Mehmet", "Henk", "Jurgen", "Tomasz", "Omar", "Sjaak",
           "Ricardo", "Ali", "Bram", "Karim", "Ferdi", "Wim", "Hassan", "Daan", "Emre", "Ruud", "Said", "Milan",
           "Anton", "Kofi", "Giovanni", "Joost", "Abdel", "Stefan", "Mustafa", "Theo", "Ivan", "Luuk", "Cor", "Ravi"]
last = ["Bakker", "Çelik", "El Idrissi", "de Boer", "Yılmaz", "Visser", "Kowalski", "Meijer", "Ramlal", "van Leeuwen",
        "Benali", "Dekker", "Öztürk", "Koster", "Haddou", "Brouwer", "Nowak", "de Wit", "Asante", "Willems",
        "Demir", "Hendriks", "Tahiri", "van den Berg", "Pinas", "Mertens", "Aydın", "Schouten", "Ait Ouali", "Prins",
        "Kaya", "Vos", "Lachkar", "Peeters", "Rosario", "Jacobs", "Şahin", "Groen", "Boukhari", "Wouters"]
streets = {"Merelstraat": WIJK, "Lijsterlaan": WIJK, "Spreeuwhof": WIJK, "Kievitstraat": WIJK, "Zwaluwplein": WIJK,
           "Reigerweg": WIJK, "Rozenstraat": WIJK2, "Tulpplein": WIJK2}
need_pool = ["eenzaamheid", "taal", "schulden", "werk", "opvoeding", "gezondheid", "wonen", "digitaal", "vervoer",
             "psychische gezondheid", "voeding", "mantelzorg"]
used_names = set()


def person_name(female):
    while True:
        n = f"{rng.choice(first_f if female else first_m)} {rng.choice(last)}"
        if n not in used_names:
            used_names.add(n)
            return n


residents = []
street_of = {}
households = []
for street, wijk in streets.items():
    for house in range(rng.randint(10, 13)):
        size = rng.choice([1, 1, 1, 2, 2, 2, 3, 4])
        family = last[rng.randrange(len(last))]
        members = []
        for i in range(size):
            female = rng.random() < 0.55
            while True:
                name = f"{rng.choice(first_f if female else first_m)} {family}"
                if name not in used_names:
                    used_names.add(name)
                    break
            role = "buurtbewoner"
            needs = rng.sample(need_pool, rng.choice([0, 0, 0, 1, 1, 2])) if rng.random() < 0.6 else []
            consent = None
            r = rng.random()
            if r < 0.45:
                consent = {"status": "written", "date": date(2022, 2025), "purpose": "ondersteuning door sociaal makelaar",
                           "expiry": f"{rng.randint(2026, 2028)}-12-31"}
            elif r < 0.75:
                consent = {"status": "verbal", "date": date(2023, 2025), "purpose": "contact met buurtinitiatieven"}
            pid = node("p", "person", name, wijk=wijk, role=role, needs=needs,
                       contact=f"{street} {house * 2 + 1}", consent=consent,
                       notes=rng.choice([None, None, None, "Spreekt weinig Nederlands.", "Woont sinds kort in de wijk.",
                                         "Mantelzorger voor haar moeder.", "Heeft moeite met formulieren."]))
            members.append(pid)
            residents.append(pid)
            street_of[pid] = street
        households.append(members)
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                rel(a, b, "family", 3)


# neighbours on the same street
by_street = {}
for r, s in street_of.items():
    by_street.setdefault(s, []).append(r)
singles = [h[0] for h in households if len(h) == 1]
isolated = set(rng.sample(singles, 12))
for n in nodes:
    if n["id"] in isolated and "eenzaamheid" not in n.get("needs", []):
        n["needs"] = n.get("needs", []) + ["eenzaamheid"]
for street, people in by_street.items():
    for p in people:
        if p in isolated:
            continue
        for q in rng.sample(people, min(len(people), rng.randint(1, 3))):
            if q not in isolated:
                rel(p, q, "neighbour", rng.choice([1, 1, 2, 2, 3]), since=rng.choice([None, date(2012, 2024)]))

# extended family across households
social = [r for r in residents if r not in isolated]
for _ in range(18):
    a, b = rng.sample(social, 2)
    rel(a, b, "family", rng.choice([1, 2, 2, 3]))

# friends across the wijk
for _ in range(70):
    a, b = rng.sample(social, 2)
    rel(a, b, "friend", rng.choice([2, 2, 3]))
for _ in range(40):
    a, b = rng.sample(social, 2)
    rel(a, b, "knows", rng.choice([1, 1, 2]))

# some isolated residents keep one thin thread, or only a professional
iso = sorted(isolated)
for i, p in enumerate(iso):
    if i % 3 == 0:
        rel(p, pro["wijkverpleegkundige"], "knows", 1)
    elif i % 3 == 1:
        rel(p, rng.choice(social), "neighbour", 1)

# volunteers (residents who volunteer) and kenners
vol_ids = rng.sample(social, 26)
kenners = vol_ids[:4]
for v in vol_ids:
    for n in nodes:
        if n["id"] == v:
            n["role"] = "vrijwilliger"
            n["tags"] = ["vrijwilligerswerk"]
assignments = [("taalcafe", 4), ("buurthuis", 4), ("moestuin", 3), ("eettafel", 3), ("huiswerk", 2), ("repair", 2),
               ("wandel", 2), ("naaiatelier", 2), ("geldcafe", 1), ("digicafe", 1), ("koffie", 1), ("voetbal", 1)]
vi = 4
for key, count in assignments:
    for _ in range(count):
        v = vol_ids[vi % len(vol_ids)]
        vi += 1
        rel(v, ini[key], "volunteers_at", rng.choice([2, 3]), since=date(2016, 2024))
coord = {"taalcafe": kenners[0], "moestuin": kenners[1], "eettafel": kenners[2], "repair": kenners[3]}
for key, v in coord.items():
    rel(v, ini[key], "coordinates", 3, since=date(2015, 2021))
    rel(v, pro["makelaar"], "knows", 3)
# kenners know many people in several streets
for k in kenners:
    for q in rng.sample(social, 14):
        rel(k, q, "knows", rng.choice([1, 2, 2, 3]))
    for key in rng.sample(list(ini), 3):
        rel(k, ini[key], "participates_in", 2)
rel(kenners[0], org["moskee"], "member_of", 2)
rel(kenners[1], org["kerk"], "member_of", 3)

# buddies (maatjes) for lonely residents
lonely = [r for r in residents if any(n["id"] == r and "eenzaamheid" in n.get("needs", []) for n in nodes)]
for i, p in enumerate(lonely[:8]):
    rel(vol_ids[(i * 3) % len(vol_ids)], p, "buddy", 3, since=date(2022, 2025), notes="via Maatjesproject Samen Verder")
    rel(vol_ids[(i * 3) % len(vol_ids)], org["maatjes"], "volunteers_at", 2)

# participation in activities
for p in social:
    if rng.random() < 0.45:
        key = rng.choice(list(ini))
        rel(p, ini[key], "participates_in", rng.choice([1, 2, 2, 3]))
for p in rng.sample(social, 20):
    rel(p, org["moskee"] if rng.random() < 0.5 else org["kerk"], "member_of", rng.choice([1, 2, 3]))
for p in rng.sample(social, 12):
    rel(p, ini["voetbal"], "participates_in", 2)

# professionals in residents' networks
for p in rng.sample(social, 22):
    rel(p, rng.choice([pro["huisarts"], pro["huisarts2"]]), "knows", 1)
for p in rng.sample(social, 10):
    rel(pro["makelaar"], p, "knows", rng.choice([2, 3]))
for p in rng.sample(social, 6):
    rel(pro["wijkteam1"], p, "knows", 2)
for p in rng.sample(social, 5):
    rel(pro["consulent"], p, "knows", 1)

# a few ended relations (history)
for p in rng.sample(social, 8):
    rel(p, ini[rng.choice(["moestuin", "wandel", "naaiatelier"])], "participates_in", 2,
        since=date(2016, 2019), until=date(2020, 2023))
rel(vol_ids[5], ini["taalcafe"], "coordinates", 3, since="2014-09-01", until="2021-06-30", notes="gestopt na verhuizing")

# Legal basis and consent as a makelaar's file holds them: residents who consented on that
# basis, most others on the municipality's public task (Wmo), a few not yet recorded (for
# "Te herzien"), one consent withdrawn and one expired; professionals on legitimate
# interest. A random stream of its own, so that everything above stays as it was.
prng = random.Random(20261124)
written = []
for n in nodes:
    if n["kind"] != "person":
        continue
    c = n.get("consent")
    if n.get("role") not in ("buurtbewoner", "vrijwilliger"):
        n["consent"] = {"legal_basis": "legitimate_interest", "status": "none"}
    elif c is not None:
        c["legal_basis"] = "consent"
        if c["status"] == "written":
            written.append(c)
    elif prng.random() < 0.85:
        n["consent"] = {"legal_basis": "public_task", "status": "none"}
withdrawn, expired = prng.sample(written, 2)
withdrawn["withdrawn"] = "2025-09-15"
expired["expiry"] = "2025-06-30"

# Sensitive places (gevoelig): no referral path runs through them, and no explanation says
# who is their client. Clients and patients, and informal carers (mantelzorgers), from a
# random stream of their own, so that everything above stays as it was.
for n in nodes:
    if n["id"] in (org["schuldhulp"], org["ggz"], org["voedselbank"], ini["geldcafe"]):
        n["sensitive"] = True
crng = random.Random(20261201)
for p in crng.sample(social, 14):
    rel(p, crng.choice([org["huisarts"], org["huisarts"], org["wijkverpleging"]]), "client_of", 2)
for p in crng.sample(social, 4):
    rel(p, org["schuldhulp"], "client_of", 2, since=date(2023, 2025))
for p in crng.sample(social, 2):
    rel(p, org["ggz"], "client_of", 2, since=date(2022, 2025))
for p in crng.sample(social, 3):
    rel(p, org["voedselbank"], "client_of", 1)
carers = 0
for h in households:
    if len(h) >= 2 and carers < 6 and crng.random() < 0.3:
        rel(h[0], h[1], "carer_of", 3, since=date(2018, 2024))
        carers += 1

doc = {"format": "wijkweb", "version": 1, "nodes": nodes, "relations": relations}
with open("assets/demo-wijk.wijkweb.json", "w", encoding="utf-8") as f:
    f.write('{"format":"wijkweb","version":1,"nodes":[\n')
    f.write(",\n".join(json.dumps(n, ensure_ascii=False, separators=(",", ":")) for n in nodes))
    f.write('\n],"relations":[\n')
    f.write(",\n".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in relations))
    f.write("\n]}\n")
kinds = {}
for n in nodes:
    kinds[n["kind"]] = kinds.get(n["kind"], 0) + 1
print(len(nodes), "nodes", kinds, len(relations), "relations")
