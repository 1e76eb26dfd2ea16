import type { Clock } from '../clock.js';
import type { Db } from '../db/connection.js';
import { CalibrationService } from './calibration.service.js';
import { planningSettings } from './job-settings.js';
import { JobsService } from './jobs.service.js';
import { ProvisionService } from './provision.service.js';

// The planning capability's services, built together because they share the settings and the area
// lookup. Building them starts nothing: jobs run only once the API server is ready (planning.routes.ts).

export interface PlanningServices {
  jobs: JobsService;
  calibration: CalibrationService;
  provision: ProvisionService;
}

export function createPlanningServices(db: Db, clock: Clock): PlanningServices {
  const settings = planningSettings();
  const calibration = new CalibrationService(db, clock, settings);
  return { jobs: new JobsService(db, settings), calibration, provision: new ProvisionService(db, calibration) };
}
