export { WimHofExercise, type WimHofExerciseProps } from "./WimHofExercise";
