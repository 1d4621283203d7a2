import { HologramError, InvalidArgumentError } from 'hologram-rx';

describe('HologramError', () => {
  it('names each subclass after itself and keeps instanceof working', () => {
    const error = new InvalidArgumentError('topic', 'topic must be a string, got 42');
    expect(error).toBeInstanceOf(HologramError);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.name).toBe('InvalidArgumentError');
    expect(error.argument).toBe('topic');
  });
});
