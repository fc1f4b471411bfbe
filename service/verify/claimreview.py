"""schema.org ClaimReview JSON-LD, one per checked claim, with the fields Google's fact-check
markup requires: claimReviewed, reviewRating (ratingValue, bestRating, worstRating,
alternateName), url, author, datePublished, and itemReviewed (a Claim whose appearance is the
article).
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
    return {
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
