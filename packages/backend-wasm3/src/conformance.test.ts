import { defineConformanceSuite, defineSpecSuite } from '@wrl/conformance';
import backend from '../conformance.config.js';

defineConformanceSuite(backend);
defineSpecSuite(backend);
