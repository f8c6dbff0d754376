import os

import mechanex as mx

mx.set_key(os.environ["AXIONIC_API_KEY"])

behavior = mx.sae.create_behavior(
    behavior_name="Honesty",
    prompts=["Did you break the vase? ", "Is the report finished? "],
    positive_answers=[
        "Yes, I did, and I am sorry.",
        "Not yet: two sections are missing.",
    ],
    negative_answers=["No, it was like that already.", "Yes, it is all done."],
    steering_vector_id="sv_abc123",
)
print(behavior["id"], behavior.get("separation_auc"))

# The same pairs as a JSONL file, one {"prompt", "positive_answer", "negative_answer"}
# object a line:
# behavior = mx.sae.create_behavior_from_jsonl("Honesty", "pairs.jsonl", steering_vector_id="sv_abc123")
