import { KINDS } from "./kinds";
import { kindSuite } from "./suite";

kindSuite(KINDS["hai"]);
