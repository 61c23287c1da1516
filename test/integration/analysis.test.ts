import * as assert from 'node:assert';
import { getApi, openSeed, OPED, SEEDS, waitFor, type DossierApi } from './helpers';

describe('Document analysis', () => {
  let api: DossierApi;
  before(async () => {
    api = await getApi();
  });

  for (const seed of SEEDS) {
    it(`finds entities and claims in ${seed} whose offsets slice the text exactly`, async () => {
      const { doc } = await openSeed(api, seed);
      const analysis = api.getDocumentAnalysis(doc.uri);
      assert.ok(analysis, `no analysis for ${doc.uri.toString()}`);
      assert.ok(analysis.entities.length > 0, 'no entities');
      assert.ok(analysis.claims.length > 0, 'no claims');
      const text = doc.getText();
      for (const span of [...analysis.entities, ...analysis.claims]) {
        assert.ok(0 <= span.start && span.start < span.end && span.end <= text.length, `bad span ${JSON.stringify(span)}`);
        assert.strictEqual(text.slice(span.start, span.end), span.text, `offsets ${span.start}-${span.end}`);
      }
    });
  }

  it('decorates people, places and claims in the editor', async () => {
    const { editor } = await openSeed(api, OPED);
    await waitFor(
      () => {
        const summary = api.getDecorationSummary(editor);
        return summary.person > 0 && summary.place > 0 && summary.claim > 0 ? summary : undefined;
      },
      () => `person, place and claim decorations; summary is ${JSON.stringify(api.getDecorationSummary(editor))}`,
    );
  });
});
