"""Rebuild src/eventwire/ontology/data/cameo.tsv from the reference tables in ../shared/reference.

The reference files are facts (CAMEO codes, Goldstein scores: GDELT lookup tables via py-gdelt, MIT;
CAMEO->PLOVER: PLOVER manual draft 0.8, CC BY-SA 4.0). The product ships only the derived table.
Run: python scripts/build_ontology.py [REFERENCE_DIR]
"""

import json
import re
import sys
from pathlib import Path

ref = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared" / "reference")
out = Path(__file__).resolve().parents[1] / "src" / "eventwire" / "ontology" / "data" / "cameo.tsv"

goldstein = json.loads((ref / "cameo-goldstein.json").read_text())
plover: dict[str, tuple[str, str, str]] = {}
for line in (ref / "CAMEO2PLOVER-2021.txt").read_text().splitlines():
    m = re.match(r"^(\d{2,4}):\s*([^#]*)", line)
    if not m:
        continue
    parts = [p.strip() for p in m.group(2).split(",")] + ["", ""]
    plover[m.group(1)] = (parts[0], parts[1], parts[2])

# Deliberate departures from the 2021 table, documented in docs/ontology.md: imposing sanctions or an
# embargo reduces existing relations, which is what PLOVER's SANCTION type (and every user) calls it.
OVERRIDES = {"163": ("SANCTION", "discontinue", "economic")}

rows = ["code\tname\tgoldstein\tplover\tmode\tcontext"]
for code in sorted(goldstein, key=lambda c: (c[:2], c)):
    entry = goldstein[code]
    if code[:2] == "01":  # plain statements: no PLOVER type (DESIGN.md)
        typ, mode, ctx = "STATEMENT", "", ""
    elif code[:2] == "02":  # appeals are REQUEST with quad_class 0 (DESIGN.md)
        typ, mode, ctx = "REQUEST", "", ""
    else:
        # the most specific mapped ancestor decides
        key = next((k for k in (code, code[:3], code[:2]) if k in plover), None)
        typ, mode, ctx = plover[key] if key else ("", "", "")
        if key != code and key is not None and len(key) == 2:
            mode, ctx = "", ""
    typ, mode, ctx = OVERRIDES.get(code, (typ, mode, ctx))
    rows.append("\t".join([code, entry["description"], str(entry["value"]), typ, mode, ctx]))
out.write_text("\n".join(rows) + "\n")
print(f"wrote {len(rows) - 1} codes to {out}")
