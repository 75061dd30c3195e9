"""The evaluation outcomes shown on a person's profile (one include, no change to its view)."""

from django import template

from canbo.evaluation.selectors import person_outcomes

register = template.Library()


@register.inclusion_tag("evaluation/_person_outcomes.html")
def person_evaluation_outcomes(person):
    return {"person": person, **person_outcomes(person)}
