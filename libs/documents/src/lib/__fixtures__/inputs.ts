// The sample inputs, for the lib's tests: one definition, shared with bench:render.
export * from '../sample-inputs';
