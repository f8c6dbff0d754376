import os

os.environ["MECHANEX_BASE_URL"] = "http://127.0.0.1:8420"  # read when mechanex is imported

import mechanex as mx

mx.set_key(os.environ["AXIONIC_API_KEY"])
mx.set_model("austen-mini")

# Not sent by mechanex: temperature, stop, logprobs, echo, sampling_method, typical_p, presence_penalty, frequency_penalty
output = mx.generation.generate(
    prompt="It's \"quoted\" \\ back\\slash \\n $HOME ${HOME} `whoami` $(whoami) $' $& %\ntab\there 🦊 line sep para sep true false null None %s {content} ''' \"\"\" </script>",
    max_tokens=16,
    sampling_method="top-k",
)
print(output)
