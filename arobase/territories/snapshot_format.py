"""Layout of data/territories.json.gz, shared by the script that writes it and the import that reads it."""

# Column names of each table, written in the file itself so that it documents its own layout.
FIELDS = {
    "regions": ["code", "name", "zone"],
    "departements": ["code", "name", "region", "zone"],
    "communes": [
        "code",
        "name",
        "siren",
        "departement",
        "region",
        "population",
        "postal_codes",
        "zone",
        "epci",
        "lat",
        "lon",
    ],
    "epci": ["siren", "name", "type", "population", "members"],
}
