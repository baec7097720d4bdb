"""Validate SBML documents with libSBML (Debian python3-sbml5).

Reads a JSON array of {"name": ..., "xml": ...} on stdin and prints a JSON array of
{"name": ..., "level": ..., "version": ..., "problems": [{"severity", "id", "category", "message"}]}:
every error and warning from reading the document and from checkConsistency() with all
consistency checks on (units and modelling practice included).
"""
import json
import sys

import libsbml

CHECKS = [
    libsbml.LIBSBML_CAT_GENERAL_CONSISTENCY,
    libsbml.LIBSBML_CAT_IDENTIFIER_CONSISTENCY,
    libsbml.LIBSBML_CAT_UNITS_CONSISTENCY,
    libsbml.LIBSBML_CAT_MATHML_CONSISTENCY,
    libsbml.LIBSBML_CAT_SBO_CONSISTENCY,
    libsbml.LIBSBML_CAT_OVERDETERMINED_MODEL,
    libsbml.LIBSBML_CAT_MODELING_PRACTICE,
]


def problems(doc):
    out = []
    for i in range(doc.getNumErrors()):
        e = doc.getError(i)
        if e.getSeverity() >= libsbml.LIBSBML_SEV_WARNING:
            out.append({
                "severity": e.getSeverityAsString(),
                "id": e.getErrorId(),
                "category": e.getCategoryAsString(),
                "message": " ".join(e.getMessage().split()),
            })
    return out


def main():
    results = []
    for item in json.load(sys.stdin):
        doc = libsbml.readSBMLFromString(item["xml"])
        found = problems(doc)
        for check in CHECKS:
            doc.setConsistencyChecks(check, True)
        doc.checkConsistency()
        found += problems(doc)
        results.append({
            "name": item["name"],
            "level": doc.getLevel(),
            "version": doc.getVersion(),
            "libsbml": libsbml.getLibSBMLDottedVersion(),
            "problems": found,
        })
    json.dump(results, sys.stdout)


main()
