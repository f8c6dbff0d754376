// "Create a vector" requests the snippet tests render and run: on the local server with layers, a name (quotes and
// a shell variable in it) and the model; on the hosted API with nothing but the pairs. Two or three short pairs,
// so each vector is computed in well under a second.
import { HOSTED_BASE_URL } from '../request-parts.ts';
import { steeringCreateRequest } from '../steering-create.ts';
import { LOCAL_BASE_URL, LOCAL_KEY, type NamedRequest } from './fixture-request.ts';

export const CREATE_FIXTURES: readonly NamedRequest[] = [
  {
    name: 'steering-create-local',
    req: steeringCreateRequest({
      target: 'local',
      baseUrl: LOCAL_BASE_URL,
      apiKey: LOCAL_KEY,
      pairs: {
        prompts: ['Emma heard the news. ', 'Mr. Collins bowed. ', "Anne's letter came. "],
        positive_answers: [
          '"Good heavens! How shocking!"',
          '"My dear cousin! What an honour!"',
          '"Oh! $HOME at last!"',
        ],
        negative_answers: ['"That is surprising," she said.', '"I am obliged," he said.', '"It is `home`," she said.'],
      },
      layerIdxs: [3, 5],
      name: 'exclamatory "mine" $HOME',
      model: 'austen-mini',
    }),
  },
  {
    name: 'steering-create-hosted',
    req: steeringCreateRequest({
      target: 'hosted',
      baseUrl: HOSTED_BASE_URL,
      apiKey: LOCAL_KEY,
      pairs: {
        prompts: ['She said, ', 'He said, '],
        positive_answers: ['"Oh! Wonderful!"', '"Upon my word!"'],
        negative_answers: ['"Very well."', '"Quite so."'],
      },
    }),
  },
];
