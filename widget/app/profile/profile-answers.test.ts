import { describe, expect, it } from 'vitest';
import { validateLead } from '../../../shared/lead-schema';
import { contactSpec } from '../../test-support/full-spec';
import { type FormValues, initialValues } from '../fields/form-values';
import { toLead } from '../fields/to-lead';
import { profileAnswers } from './profile-answers';

const profileSpec = { ...contactSpec, fields: contactSpec.profile!.fields, rules: [] };
const validated = (values: FormValues) => {
  const result = validateLead(profileSpec, toLead(profileSpec, { ...initialValues(profileSpec), ...values }));
  if (!result.success) throw new Error('expected valid answers');
  return result.lead;
};

describe('profileAnswers', () => {
  it('keeps only the answers, without the language', () => {
    expect(profileAnswers(validated({ 'profile.goal': 'lose-weight', gender: 'male' }))).toEqual({ gender: 'male', profile: { goal: 'lose-weight' } });
  });

  it('finds nothing to send when nothing was answered, empty groups included', () => {
    expect(profileAnswers(validated({ 'profile.trainingTime': [] }))).toBeUndefined();
  });
});
