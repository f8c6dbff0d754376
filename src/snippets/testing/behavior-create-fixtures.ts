// "Create a behavior" requests the snippet tests render and run: on the local server with six dialogue/narration
// pairs, a description and the model (quotes and a shell variable in the name and the description); on the hosted
// API with two pairs and a given correction vector (rendered and captured only: the vector is not known locally).
import { behaviorCreateRequest } from '../behavior-create.ts';
import { HOSTED_BASE_URL } from '../request-parts.ts';
import { type Fixture, LOCAL_BASE_URL, LOCAL_KEY } from './fixture-request.ts';

export const BEHAVIOR_CREATE_FIXTURES: readonly Fixture[] = [
  {
    name: 'behavior-create-local',
    runsLocally: true,
    req: behaviorCreateRequest({
      target: 'local',
      baseUrl: LOCAL_BASE_URL,
      apiKey: LOCAL_KEY,
      body: {
        behavior_name: 'speech "mine" $HOME',
        prompts: [
          'Elizabeth looked up. ',
          'Mr. Darcy bowed. ',
          'She turned to her sister. ',
          'Emma smiled. ',
          'Mrs. Bennet sighed. ',
          'Anne coloured. ',
        ],
        positive_answers: [
          '"I cannot think so," said she.',
          '"You are too kind," said he.',
          '"My dear Jane, how can you?"',
          '"Oh! I am very glad."',
          '"Nobody knows what I suffer!"',
          '"It is of no consequence."',
        ],
        negative_answers: [
          'She could not think so, and was silent.',
          'He was too kind to say more of it.',
          'Her sister was sitting by the window.',
          'She was very glad of the news.',
          'Nobody in the house knew of her trouble.',
          'It was of no consequence to anybody.',
        ],
        description: 'Quoted speech, as in "said she" — not `narration` or $(whoami)',
        model: 'austen-mini',
      },
    }),
  },
  {
    name: 'behavior-create-hosted',
    runsLocally: false,
    req: behaviorCreateRequest({
      target: 'hosted',
      baseUrl: HOSTED_BASE_URL,
      apiKey: LOCAL_KEY,
      body: {
        behavior_name: 'Honesty',
        prompts: ['Did you break the vase? ', 'Is the report finished? '],
        positive_answers: ['Yes, I did, and I am sorry.', 'Not yet: two sections are missing.'],
        negative_answers: ['No, it was like that already.', 'Yes, it is all done.'],
        steering_vector_id: 'sv_abc123',
      },
    }),
  },
];
