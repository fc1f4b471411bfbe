"""schema.org ClaimReview JSON-LD, one per checked claim, with the fields Google's fact-check
markup requires: claimReviewed, reviewRating (ratingValue, bestRating, worstRating,
alternateName), url, author, datePublished, and itemReviewed (a Claim whose appearance is the
article); a review resting on a source document given with the article (a press release) with
a URL cites it (`citation`).
"""

from __future__ import annotations

from datetime import date

RATINGS = {  # verdict -> (ratingValue on 1..5, alternateName)
    "supported": (5, "True"),
    "conflicting": (3, "Conflicting"),
    "unverifiable": (3, "Unverifiable"),
    "contradicted": (1, "False"),
}


def claim_review(
    claim: dict, article_url: str, author: dict, reviewed_on: date, published_at: str | None
) -> dict:
    """One ClaimReview for one checked claim."""
    value, name = RATINGS[claim["verdict"]]
    item = {
        "@type": "Claim",
        "appearance": [{"@type": "CreativeWork", "url": article_url}],
    }
    if published_at:
        item["datePublished"] = published_at
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"{article_url}#claim-{claim['id']}",
        "claimReviewed": claim["sentence"],
        "datePublished": reviewed_on.isoformat(),
        "author": author,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": value,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": name,
            "ratingExplanation": claim["explanation"],
        },
        "itemReviewed": item,
    }
    cited = _cited_documents(claim) if claim["verdict"] != "unverifiable" else []
    if cited:
        review["citation"] = cited
    return review


def _cited_documents(claim: dict) -> list[dict]:
    """The source documents given with the article (a press release ...) that the review
    rests on and that have a URL, once each, as schema.org CreativeWorks."""
    found: dict[str, dict] = {}
    for item in claim.get("evidence") or []:
        source = item.get("source") or {}
        if source.get("span") is not None and source.get("url"):
            work = {"@type": "CreativeWork", "name": source["name"], "url": source["url"]}
            found.setdefault(source["url"], work)
    return list(found.values())


def claim_reviews(result: dict, author_name: str, author_url: str | None, today: date) -> list:
    """The ClaimReviews of a check result; the article must have a URL."""
    author = {"@type": "Organization", "name": author_name}
    if author_url:
        author["url"] = author_url
    doc = result["document"]
    return [
        claim_review(c, doc["url"], author, today, doc.get("published_at"))
        for c in result["claims"]
    ]
