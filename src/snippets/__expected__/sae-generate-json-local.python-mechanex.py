import os

os.environ["MECHANEX_BASE_URL"] = "http://127.0.0.1:8420"  # read when mechanex is imported

import mechanex as mx

mx.set_key(os.environ["AXIONIC_API_KEY"])
mx.set_model("austen-mini")

# Not sent by mechanex: temperature, top_p, top_k, seed, sampling_method
text = mx.sae.generate(
    prompt="Emma said, It's \"quoted\" \\ back\\slash \\n $HOME ${HOME} `whoami` $(whoami) $' $& %\ntab\there 🦊 line sep para sep true false null None %s {content} ''' \"\"\" </script>",
    max_new_tokens=24,
    behavior_names=["dialogue"],
    force_steering=["exclamation"],
)
print(text)
