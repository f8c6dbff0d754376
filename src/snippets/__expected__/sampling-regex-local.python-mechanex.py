# mechanex has no call for POST /sampling/generate: generate() with the constraint posts
# it as an inline policy to POST /policies/run.

import os

os.environ["MECHANEX_BASE_URL"] = "http://127.0.0.1:8420"  # read when mechanex is imported

import mechanex as mx

mx.set_key(os.environ["AXIONIC_API_KEY"])

# Not sent by mechanex: params.seed
output = mx.generation.generate(
    prompt="Name and year, It's \"quoted\" \\ back\\slash \\n $HOME ${HOME} `whoami` $(whoami) $' $& %\ntab\there 🦊 line sep para sep true false null None %s {content} ''' \"\"\" </script>: ",
    max_tokens=24,
    sampling_method="guided-generation",
    temperature=0.8,
    regex_pattern="^[A-Z][a-z]+ [0-9]{4}$|'\"\\$",
)
print(output)
