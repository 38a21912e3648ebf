"""publiccode.yml in the repository root, checked against the standard (0.7, core schema).

No validator of the standard is published on PyPI or npm (publiccode-parser-go is Go only), so
this test checks what the standard's schema says: the mandatory keys, their types and lengths,
and the enumerated values, copied from the standard's own lists.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = yaml.safe_load((ROOT / "publiccode.yml").read_text(encoding="utf-8"))

VERSION = "0.7"
DEVELOPMENT_STATUS = {"concept", "development", "beta", "stable", "obsolete"}
SOFTWARE_TYPES = {
    "standalone/mobile",
    "standalone/iot",
    "standalone/desktop",
    "standalone/web",
    "standalone/backend",
    "standalone/other",
    "addon",
    "library",
    "configurationFiles",
}
MAINTENANCE = {"internal", "contract", "community", "none"}
# From the standard's categories-list and scope-list (only the values a register could use are needed
# to check ours, but an unknown value must fail, so the full lists are here).
CATEGORIES = set(
    [
        "accounting",
        "agile-project-management",
        "applicant-tracking",
        "application-development",
        "appointment-scheduling",
        "backup",
        "billing-and-invoicing",
        "blog",
        "budgeting",
        "business-intelligence",
        "business-process-management",
        "cad",
        "call-center-management",
        "cloud-management",
        "collaboration",
        "communications",
        "compliance-management",
        "contact-management",
        "content-management",
        "crm",
        "customer-service-and-support",
        "data-analytics",
        "data-collection",
        "data-visualization",
        "design",
        "design-system",
        "digital-asset-management",
        "digital-citizenship",
        "document-management",
        "donor-management",
        "e-commerce",
        "e-signature",
        "educational-content",
        "email-management",
        "email-marketing",
        "employee-management",
        "enterprise-project-management",
        "enterprise-social-networking",
        "erp",
        "event-management",
        "facility-management",
        "feedback-and-reviews-management",
        "financial-reporting",
        "fleet-management",
        "fundraising",
        "gamification",
        "geographic-information-systems",
        "grant-management",
        "graphic-design",
        "help-desk",
        "hr",
        "ide",
        "identity-management",
        "instant-messaging",
        "integrated-library-system",
        "inventory-management",
        "it-asset-management",
        "it-development",
        "it-management",
        "it-security",
        "it-service-management",
        "knowledge-management",
        "learning-management-system",
        "marketing",
        "mind-mapping",
        "mobile-marketing",
        "mobile-payment",
        "network-management",
        "office",
        "online-booking",
        "online-community",
        "payment-gateway",
        "payroll",
        "predictive-analysis",
        "procurement",
        "productivity-suite",
        "project-collaboration",
        "project-management",
        "property-management",
        "real-estate-management",
        "regulations-and-directives",
        "remote-support",
        "resource-management",
        "sales-management",
        "seo",
        "service-desk",
        "social-media-management",
        "survey",
        "talent-management",
        "task-management",
        "taxes-management",
        "test-management",
        "time-management",
        "time-tracking",
        "translation",
        "video-conferencing",
        "video-editing",
        "visitor-management",
        "voip",
        "warehouse-management",
        "web-collaboration",
        "web-conferencing",
        "website-builder",
        "whistleblowing",
        "workflow-management",
        "other",
    ]
)
SCOPES = set(
    [
        "agriculture",
        "culture",
        "defence",
        "education",
        "emergency-services",
        "employment",
        "energy",
        "environment",
        "finance-and-economic-development",
        "foreign-affairs",
        "government",
        "healthcare",
        "infrastructures",
        "justice",
        "local-authorities",
        "manufacturing",
        "research",
        "science-and-technology",
        "security",
        "society",
        "sport",
        "tourism",
        "transportation",
        "welfare",
    ]
)


def test_mandatory_top_level_keys():
    for key in ("publiccodeYmlVersion", "name", "url", "platforms", "developmentStatus", "softwareType"):
        assert DATA.get(key), key
    for section in ("description", "legal", "maintenance", "localisation"):
        assert isinstance(DATA.get(section), dict), section
    assert DATA["publiccodeYmlVersion"] == VERSION
    assert re.fullmatch(r"https://\S+", DATA["url"])


def test_enumerated_values_are_the_standards():
    assert DATA["developmentStatus"] in DEVELOPMENT_STATUS
    assert DATA["softwareType"] in SOFTWARE_TYPES
    assert set(DATA.get("categories", [])) <= CATEGORIES
    assert set(DATA["intendedAudience"]["scope"]) <= SCOPES
    assert all(re.fullmatch(r"[A-Z]{2}", c) for c in DATA["intendedAudience"]["countries"])
    assert DATA["maintenance"]["type"] in MAINTENANCE


@pytest.mark.parametrize("language", ["nl", "en"])
def test_descriptions_in_dutch_and_english_within_the_lengths(language: str):
    description = DATA["description"][language]
    assert 0 < len(description["shortDescription"]) <= 150
    assert 150 <= len(description["longDescription"]) <= 10_000
    assert description["features"] and all(isinstance(f, str) and f for f in description["features"])


def test_maintenance_contacts_follow_the_type():
    maintenance = DATA["maintenance"]
    if maintenance["type"] in ("internal", "community"):
        assert maintenance.get("contacts") and all(c.get("name") for c in maintenance["contacts"])
    if maintenance["type"] == "contract":
        assert maintenance.get("contractors")


def test_localisation_and_licence_match_the_project():
    assert isinstance(DATA["localisation"]["localisationReady"], bool)
    assert "nl" in DATA["localisation"]["availableLanguages"]
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert DATA["legal"]["license"] == project["license"] == "EUPL-1.2"
