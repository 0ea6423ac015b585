#!/usr/bin/python3
"""schemacheck.py SCHEMA.json REPORT.yaml… — validates each report against
the JSON Schema `reportc schema` wrote, with Debian's python3-jsonschema (an
independent validator).  Prints `path: ok` or `path: $.json.path: message`
per error; exits 1 when any report fails.  YAML is read as the YAML language
server reads it (1.2 core): dates stay text, as reportc reads them."""
import json
import sys

import jsonschema
import yaml


class Loader(yaml.SafeLoader):
    pass


# YAML 1.1's timestamps are text in YAML 1.2 (and to reportc).
Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def main():
    schema = json.load(open(sys.argv[1], encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema)
    bad = 0
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8-sig") as f:
            doc = yaml.load(f, Loader=Loader)
        errors = sorted(validator.iter_errors(doc), key=lambda e: e.json_path)
        for e in errors:
            # Under anyOf (data: a CSV file or the numbers), the branch that
            # went deepest says what is wrong.
            while e.context:
                e = max(e.context, key=lambda c: len(c.absolute_path))
            print(f"{path}: {e.json_path}: {e.message[:300]}")
        if not errors:
            print(f"{path}: ok")
        bad += bool(errors)
    sys.exit(1 if bad else 0)


main()
