"""The bundled World Bank packs at work: an economy story checked over HTTP gets World Bank
citations for annual country figures, and unverifiable with the reason for the rest."""

from __future__ import annotations

from service.references.importer import load_bundled

STORY = (
    "Japan's economy slows as prices rise\n\n"
    "Japan's population fell to 124.5 million in 2023, official figures show. The Japanese "
    "economy was worth $4.2 trillion in 2023, while consumer prices rose 3.3% in 2023. "
    "Germany's inflation was 9.0% in 2023. Inflation in Japan hit 4.3% in January. The "
    "central bank expects inflation of 2% next year. The economy is worth 600 trillion yen."
)


def test_an_economy_story_gets_world_bank_verdicts(client, redis_client):
    load_bundled(redis_client)
    response = client.post("/v1/checks", json={"text": STORY, "published_at": "2024-09-01"})
    assert response.status_code == 200
    claims = {c["text"]: c for c in response.get_json()["claims"]}
    for figure in ("124.5 million", "$4.2 trillion", "3.3%"):
        assert claims[figure]["verdict"] == "supported", claims[figure]["explanation"]
        source = claims[figure]["evidence"][0]["source"]
        assert source["name"].startswith("World Bank, World Development Indicators")
        assert source["url"].startswith("https://data.worldbank.org/indicator/")
    assert claims["9.0%"]["verdict"] == "contradicted"  # Germany 2023: 5.9%
    assert "Germany, 2023, consumer price inflation: 5.95%" in claims["9.0%"]["explanation"]
    for figure, reason in (("4.3%", "annual"), ("2%", "forecast")):
        assert claims[figure]["verdict"] == "unverifiable"
        assert reason in claims[figure]["explanation"]
    assert claims["600 trillion yen"]["verdict"] == "unverifiable"
