import os

import mechanex as mx

mx.set_key(os.environ["AXIONIC_API_KEY"])

# Not sent by mechanex: stream, n
for prompt in [
    "It is a truth",
    "'It's \"quoted\" \\ back\\slash \\n $HOME ${HOME} `whoami` $(whoami) $' $& %\ntab\there 🦊 line sep para sep true false null None %s {content} ''' \"\"\" </script>'",
]:
    output = mx.generation.generate(
        prompt=prompt,
        max_tokens=12,
        sampling_method="top-k",
        top_p=0.9,
    )
    print(output)
