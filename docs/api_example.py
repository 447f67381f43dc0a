"""The public Python API on the bundled seeds: load, run to a stage, write a report.

Run from the repository root: ``python docs/api_example.py``.  The docs test
runs it and checks what it prints.
"""

import tempfile

import compare

sources = compare.load_source_set("seeds")
print(len(sources), "reports:", ", ".join(f"{s.id} ({s.kind})" for s in sources))

grouped = compare.run_pipeline("seeds", until="events")
print("stages run:", ", ".join(grouped.stages))
for item in grouped.events:
    print(item.event.id, list(item.event.sources))

result = compare.run_pipeline("seeds")
with tempfile.TemporaryDirectory() as folder:
    index = compare.write_report(result, f"{folder}/report", formats=["csv", "json"])
    print("report written:", index.name)
lavrov = next(item for item in result.events if len(item.sources) == 3)
print("reference of", lavrov.event.id + ":", lavrov.alignment.reference)
