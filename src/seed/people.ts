import { mod11CheckDigit } from '../patients/identifiers.js';
import type { EthnicityCode, Sex } from '../shared/vocabulary.js';
import { Random } from './random.js';

// Synthetic people: invented names, NHS numbers from the range reserved for testing (999 …) so no
// generated number can belong to a real person, and CHI numbers built from the date of birth.

const MALE = ['James', 'John', 'David', 'Michael', 'Daniel', 'Thomas', 'Ryan', 'Liam', 'Kieran', 'Marcus', 'Jamal', 'Aaron', 'Callum', 'Connor', 'Dean', 'Lee', 'Mohammed', 'Imran', 'Tyrone', 'Jordan', 'Craig', 'Stuart', 'Gareth', 'Rhys', 'Owen', 'Darren', 'Wayne', 'Kwame', 'Tomasz', 'Ali', 'Sean', 'Patrick', 'Paul', 'Mark', 'Anthony', 'Jason', 'Nathan', 'Adam', 'Ben', 'Samuel'];
const FEMALE = ['Sarah', 'Emma', 'Laura', 'Rebecca', 'Jade', 'Chloe', 'Amy', 'Hannah', 'Kirsty', 'Leanne', 'Aisha', 'Fatima', 'Shannon', 'Natalie', 'Gemma', 'Claire', 'Nicola', 'Rhian', 'Siobhan', 'Zara', 'Megan', 'Danielle', 'Stacey', 'Kerry', 'Grace', 'Abena', 'Agnieszka', 'Louise', 'Rachel', 'Lauren'];
const FAMILY = ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Robinson', 'Wright', 'Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Wood', 'Jackson', 'Clarke', 'Patel', 'Khan', 'Ahmed', 'Begum', 'Mensah', 'Okafor', 'Campbell', 'Stewart', 'Murray', 'MacDonald', 'Reid', 'Hughes', 'Morgan', 'Griffiths', 'Price', 'Lewis', 'Edwards', 'Kowalski', 'Nowak', 'Baptiste', 'Francis', 'Grant', 'Hussain', 'Ali', 'Owusu', 'Fraser', 'Hamilton', 'Kelly', 'Murphy', "O'Brien"];

const ETHNICITY_MIX: Record<EthnicityCode, number> = {
  A: 60, B: 1.5, C: 5, D: 3, E: 1, F: 1, G: 2, H: 2, J: 2, K: 1, L: 2, M: 7, N: 6, P: 3, R: 0.5, S: 2, Z: 1,
};

export interface GenPatient {
  nhsNumber: string | null;
  chiNumber: string | null;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  sex: Sex;
  ethnicity: EthnicityCode;
  homeRegion: number;
}

export class PeopleFactory {
  private nhsCounter = 0;
  private readonly chiUsed = new Set<string>();

  constructor(private readonly rng: Random) {}

  private nextNhsNumber(): string {
    for (;;) {
      if (this.nhsCounter > 999_999) throw new Error('The reserved test range of NHS numbers (999…) is used up: use a smaller --scale.');
      const nine = `999${String(this.nhsCounter++).padStart(6, '0')}`;
      const check = mod11CheckDigit(nine);
      if (check !== null) return `${nine}${check}`;
    }
  }

  private nextChiNumber(dateOfBirth: string, sex: Sex): string {
    const [y, m, d] = dateOfBirth.split('-');
    for (;;) {
      const sexDigit = sex === 'male' ? this.rng.pick([1, 3, 5, 7, 9]) : this.rng.pick([0, 2, 4, 6, 8]);
      const nine = `${d}${m}${y!.slice(2)}${String(this.rng.int(0, 99)).padStart(2, '0')}${sexDigit}`;
      const check = mod11CheckDigit(nine);
      const chi = `${nine}${check}`;
      if (check !== null && !this.chiUsed.has(chi)) {
        this.chiUsed.add(chi);
        return chi;
      }
    }
  }

  make(sex: Sex, ageYears: number, atMs: number, homeRegion: number, scottish: boolean): GenPatient {
    const born = new Date(atMs - ageYears * 365.25 * 86_400_000 - this.rng.uniform(0, 364) * 86_400_000);
    const dateOfBirth = born.toISOString().slice(0, 10);
    return {
      nhsNumber: scottish ? null : this.nextNhsNumber(),
      chiNumber: scottish ? this.nextChiNumber(dateOfBirth, sex) : null,
      givenName: this.rng.pick(sex === 'male' ? MALE : FEMALE),
      familyName: this.rng.pick(FAMILY),
      dateOfBirth,
      sex,
      ethnicity: this.rng.weighted(ETHNICITY_MIX),
      homeRegion,
    };
  }
}
